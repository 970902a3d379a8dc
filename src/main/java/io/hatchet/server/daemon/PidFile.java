package io.hatchet.server.daemon;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The file that names the process of a running hub, and proves it runs: the hub holds a lock on
 * it for as long as it lives. A pidfile nobody locks is stale, whatever pid it names: one whose
 * process died (a crash, {@code kill -9}) or whose pid a new process of another program has
 * since taken. A lock ends with its process, so no stale file can pass for a running hub.
 */
public final class PidFile implements AutoCloseable {
  private final Path path;
  private final FileChannel channel;
  private final FileLock lock;
  private final Status replaced;

  private PidFile(Path path, FileChannel channel, FileLock lock, Status replaced) {
    this.path = path;
    this.channel = channel;
    this.lock = lock;
    this.replaced = replaced;
  }

  /** What a pidfile says about its hub. */
  public enum State {
    /** No pidfile. */
    ABSENT,
    /** A pidfile that no process holds: its hub is gone. */
    STALE,
    /** A pidfile held by its running hub. */
    RUNNING
  }

  /**
   * What was found at a pidfile's path.
   *
   * @param state running, stale or absent
   * @param pid the pid the file names; 0 when absent, unreadable, or held by a hub still
   *     starting
   */
  public record Status(State state, long pid) {
    /**
     * Why a stale pidfile is stale, in words.
     *
     * @return like {@code pid 123 is not running}
     */
    public String staleReason() {
      if (pid <= 0) return "it names no pid";
      return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
          ? "pid " + pid + " runs, but it is not this hub (it does not hold the file's lock)"
          : "pid " + pid + " is not running";
    }
  }

  /**
   * Takes the pidfile for this process, replacing a stale one: locks it, so that no second hub
   * starts with it, and empties it. {@link #ready()} writes the pid once the hub listens: until
   * then, {@link #status} reads it as running with pid 0, starting.
   *
   * @param path where the pidfile goes
   * @return the pidfile, held until {@link #close()}
   * @throws AlreadyRunningException if a running hub holds it
   * @throws IOException if it cannot be written
   */
  public static PidFile acquire(Path path) throws AlreadyRunningException, IOException {
    FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE,
        StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      FileLock lock = tryLock(channel, false);
      if (lock == null) {
        long pid = readPid(channel);
        channel.close();
        throw new AlreadyRunningException(path, pid);
      }
      long old = readPid(channel);
      Status replaced = channel.size() == 0 ? null : new Status(State.STALE, old);
      channel.truncate(0);
      return new PidFile(path, channel, lock, replaced);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /**
   * Finds out what the pidfile at {@code path} says, without changing it.
   *
   * @param path the pidfile's path
   * @return its state and pid
   * @throws IOException if it exists but cannot be read
   */
  public static Status status(Path path) throws IOException {
    FileChannel channel;
    try {
      channel = FileChannel.open(path, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      return new Status(State.ABSENT, 0);
    }
    try (channel) {
      long pid = readPid(channel);
      // A shared lock: refused while the hub holds its exclusive one; needs no write access.
      FileLock probe = tryLock(channel, true);
      if (probe == null) return new Status(State.RUNNING, pid);
      probe.release();
      return new Status(State.STALE, pid);
    }
  }

  /**
   * Removes a stale pidfile; leaves one that a hub holds.
   *
   * @param path the pidfile's path
   * @return whether a stale file was removed
   * @throws IOException if it cannot be removed
   */
  public static boolean removeIfStale(Path path) throws IOException {
    if (status(path).state() != State.STALE) return false;
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
      FileLock lock = tryLock(channel, false);
      if (lock == null) return false; // a hub took it meanwhile
      Files.deleteIfExists(path);
      lock.release();
      return true;
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  /**
   * Writes this process's pid: the hub is up.
   *
   * @throws IOException if it cannot be written
   */
  public void ready() throws IOException {
    channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n")
        .getBytes(StandardCharsets.US_ASCII)), 0);
    channel.force(true);
  }

  /**
   * The stale pidfile this one replaced, if any.
   *
   * @return its status, or null if there was none
   */
  public Status replaced() {
    return replaced;
  }

  /**
   * The pidfile's path.
   *
   * @return the path
   */
  public Path path() {
    return path;
  }

  /** Deletes the pidfile and releases it. Idempotent. */
  @Override public void close() {
    if (!channel.isOpen()) return;
    try {
      Files.deleteIfExists(path); // while still locked, so that no other hub's file is deleted
      lock.release();
      channel.close();
    } catch (IOException e) {
      // The process ends next: its lock ends with it, and a file left behind reads as stale.
    }
  }

  /** The lock, or null while another holder has it: a process, or this JVM (a test). */
  private static FileLock tryLock(FileChannel channel, boolean shared) throws IOException {
    try {
      return channel.tryLock(0, Long.MAX_VALUE, shared);
    } catch (java.nio.channels.OverlappingFileLockException e) {
      return null;
    }
  }

  private static long readPid(FileChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(32);
    channel.read(buffer, 0);
    String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).strip();
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
