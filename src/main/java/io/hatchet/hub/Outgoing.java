package io.hatchet.hub;

import io.hatchet.hub.internal.netty.Socket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deliveries waiting to be written to one connection.
 *
 * <p>Publishers queue them from any thread and go on; one task on the connection's event loop
 * writes all queued by the time it runs, in the order they were queued, packing up to
 * {@link #MAX_BATCH} delivery objects into one {@code deliver} packet. So a connection that keeps
 * up gets each event in a packet of its own, and one that falls behind catches up with a few
 * large packets rather than a frame and a system call for each.
 *
 * <p>While a WebSocket connection does not take what is written (Netty's buffer for it is full:
 * a stalled network, a client that stopped reading), deliveries wait here instead, until Netty
 * says it takes again ({@link #resume}); once more than the hub's {@code maxConnectionBacklog}
 * bytes wait, here and in the socket together, the connection is dropped: one slow consumer does
 * not take the memory of the others. A polling connection's packets wait in its socket for the
 * next poll, under the same budget. The consumers of a dropped connection are disconnected like
 * any other, and recover from their windows when they come back.
 */
final class Outgoing {
  private static final Logger log = LoggerFactory.getLogger(Outgoing.class);
  /** At most this many deliveries go in one {@code deliver} packet... */
  static final int MAX_BATCH = 64;
  /** ...and once it holds about this many bytes, no more are added. */
  private static final int MAX_BATCH_BYTES = 64 * 1024;
  /** Packets one turn writes at most before letting the loop's other channels have theirs. */
  private static final int MAX_PACKETS_PER_TURN = 16;

  private final Socket socket;
  private final long maxBacklogBytes;
  private final Runnable onTooSlow;
  private final Queue<Delivery> queue = new ConcurrentLinkedQueue<>();
  /** Bytes of the deliveries in {@link #queue}, about. */
  private final AtomicLong backlogBytes = new AtomicLong();
  private final AtomicBoolean writeScheduled = new AtomicBoolean();
  private final Runnable write = this::write;
  /** Run by the first write turn that finds the queue empty (see {@link #whenDrained}). */
  private final AtomicReference<Runnable> whenDrained = new AtomicReference<>();

  Outgoing(Socket socket, long maxBacklogBytes, Runnable onTooSlow) {
    this.socket = socket;
    this.maxBacklogBytes = maxBacklogBytes;
    this.onTooSlow = onTooSlow;
  }

  /** Queues {@code delivery}; safe from any thread. */
  void add(Delivery delivery) {
    backlogBytes.addAndGet(delivery.size());
    queue.add(delivery);
    if (!writeScheduled.get()) {
      scheduleWrite();
    }
  }

  /**
   * On the socket's loop: writes what is queued, in packets of several deliveries, while the
   * socket takes them at once; what it does not take waits here, and counts in the budget.
   */
  private void write() {
    writeScheduled.set(false); // what is queued from here on is written by this turn or the next
    for (int packets = 0; packets < MAX_PACKETS_PER_TURN; packets++) {
      if (queue.isEmpty()) {
        drained();
        return;
      }
      if (!socket.writable()) {
        // Then the next write is when it takes again (resume) or when more is queued (add),
        // which checks the budget again: a client that never reads is dropped on its next event.
        if (backlogBytes.get() + socket.pendingBytes() > maxBacklogBytes) {
          dropConnection();
        }
        return;
      }
      List<Delivery> batch = nextBatch();
      if (batch == null) {
        drained();
        return;
      }
      ByteBuf packet = ByteBufAllocator.DEFAULT.buffer(batchBytes + 16);
      Delivery.writePacket(packet, batch);
      socket.send(packet);
    }
    if (!queue.isEmpty()) {
      scheduleWrite();
    }
  }

  /** Bytes of the last {@link #nextBatch}, about. */
  private int batchBytes;

  /** Up to {@link #MAX_BATCH} deliveries, about {@link #MAX_BATCH_BYTES} at most; null if none. */
  private List<Delivery> nextBatch() {
    Delivery first = queue.poll();
    if (first == null) {
      return null;
    }
    List<Delivery> batch = new ArrayList<>();
    batch.add(first);
    int bytes = first.size();
    Delivery next;
    while (batch.size() < MAX_BATCH && bytes < MAX_BATCH_BYTES && (next = queue.poll()) != null) {
      batch.add(next);
      bytes += next.size();
    }
    backlogBytes.addAndGet(-bytes);
    batchBytes = bytes;
    return batch;
  }

  private void dropConnection() {
    long behind = backlogBytes.get();
    queue.clear();
    backlogBytes.set(0);
    log.warn("connection {} does not take its events: {} bytes wait for it, more than the hub's"
        + " maxConnectionBacklog of {}; dropping it (its consumers recover what they missed from"
        + " their windows when they reconnect)", socket.id(), behind, maxBacklogBytes);
    onTooSlow.run();
  }

  /**
   * Runs {@code then} on the socket's loop once everything queued so far, and whatever is
   * queued meanwhile, has been handed to the socket: at once if nothing waits, later if the
   * socket does not take writes now, never if the connection is dropped first. For a connection
   * that nothing more is queued for: one that is leaving.
   */
  void whenDrained(Runnable then) {
    whenDrained.set(then);
    scheduleWrite(); // unless a turn is to come already, which finds it
  }

  private void drained() {
    if (whenDrained.get() == null) {
      return; // the usual case: a plain read, no atomic write on every turn
    }
    Runnable then = whenDrained.getAndSet(null);
    if (then != null) {
      then.run();
    }
  }

  /** Bytes of the deliveries queued here, not yet handed to the socket; about. */
  long backlogBytes() {
    return backlogBytes.get();
  }

  /** The socket takes writes again: on its loop. */
  void resume() {
    if (!queue.isEmpty()) {
      scheduleWrite();
    }
  }

  /** Has {@link #write} run on the loop, unless a run is pending. */
  private void scheduleWrite() {
    if (!writeScheduled.compareAndSet(false, true)) {
      return;
    }
    try {
      socket.loop().execute(write);
    } catch (RejectedExecutionException e) {
      // The hub is stopping: the connection closes with it, with or without these.
    }
  }
}
