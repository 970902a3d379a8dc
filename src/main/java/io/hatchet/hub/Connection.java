package io.hatchet.hub;

import io.hatchet.hub.internal.netty.Socket;
import io.hatchet.protocol.ErrorCode;
import io.hatchet.protocol.Ids;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The hub's state for one socket.io connection: the sessions authenticated on it.
 *
 * <p>Requests of a connection run one at a time on its socket's event loop, and so does its
 * closing; but publishers on other loops reach its sessions through their consumer records. So every change to its sessions, and every change they make to their consumer
 * records, happens under this object's lock, and nothing is added once it is closed: a closed
 * connection's sessions are off every record (which wait their grace period without them).
 */
final class Connection {
  private final Socket socket;
  private final Outgoing outgoing;
  private final int maxSessions;
  /** Read without the lock by the event loop; written under it. */
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private boolean closed; // Guarded by this.
  private final Runnable onDropped;
  private final AtomicBoolean dropped = new AtomicBoolean();
  /** Made by the first {@link #leave}. */
  private final AtomicReference<CompletableFuture<Boolean>> leaving = new AtomicReference<>();

  /**
   * @param onDropped run once if the hub drops it for not taking what it is written
   */
  Connection(Socket socket, long maxBacklogBytes, int maxSessions, Runnable onDropped) {
    this.socket = socket;
    this.maxSessions = maxSessions;
    this.onDropped = onDropped;
    this.outgoing = new Outgoing(socket, maxBacklogBytes, () -> {
      dropped();
      disconnect();
    });
  }

  Socket socket() {
    return socket;
  }

  /** Writes {@code packet}, a whole Engine.IO packet, after what was written before. */
  void send(ByteBuf packet) {
    socket.send(packet);
  }

  /** Returns the live session of this name, or null. */
  Session session(String name) {
    return sessions.get(name);
  }

  /** Returns the live session of this name, or fails with not_authenticated. */
  Session authenticated(String name) throws RequestException {
    Session session = sessions.get(name);
    if (session == null) {
      throw notAuthenticated(name);
    }
    return session;
  }

  /**
   * Opens a session. A consumer gets consumer id {@code consumerId}, or a new one if it is null,
   * and resumes after {@code resume} if given (see {@link ConsumerDirectory#claim}); other roles
   * get none.
   *
   * @throws RequestException {@code session_in_use}, {@code too_many}, then {@code id_in_use}
   */
  synchronized Session open(String name, AppRoutes app, Credential credential,
      String consumerId, Long resume) throws RequestException {
    checkOpen();
    if (sessions.containsKey(name)) {
      throw new RequestException(ErrorCode.SESSION_IN_USE,
          "session '" + name + "' is already authenticated on this connection");
    }
    if (sessions.size() >= maxSessions) {
      throw HubLimits.reached("sessions on one connection", maxSessions);
    }
    String id = credential.role != Role.CONSUMER ? null
        : consumerId != null ? consumerId : Ids.random();
    Session session = new Session(this, name, app, credential, id);
    session.resumption = app.opened(session, resume);
    sessions.put(name, session);
    return session;
  }

  synchronized void watch(Session session, List<String> events) throws RequestException {
    checkLive(session);
    session.app.consumers.watch(session, events);
  }

  synchronized void unwatch(Session session, List<String> events) throws RequestException {
    checkLive(session);
    session.app.consumers.unwatch(session, events);
  }

  synchronized void alias(Session session, String alias) throws RequestException {
    checkLive(session);
    session.app.consumers.alias(session, alias);
  }

  /** Ends the session of this name, if there is one. */
  synchronized void end(String name) {
    Session session = sessions.remove(name);
    if (session != null) {
      session.app.forget(session, true);
    }
  }

  /** Forgets every session; later requests to open or change one fail. Idempotent. */
  synchronized void close() {
    closed = true;
    for (Session session : new ArrayList<>(sessions.values())) {
      session.app.forget(session, false);
    }
    sessions.clear();
  }

  int sessionCount() {
    return sessions.size();
  }

  /** Queues {@code delivery} for this connection (see {@link Outgoing}); safe from any thread. */
  void deliver(Delivery delivery) {
    outgoing.add(delivery);
  }

  /** Its socket takes writes again: what waits for it goes out (see {@link Outgoing}). */
  void writable() {
    outgoing.resume();
  }

  /** Sends a namespace disconnect, then closes the socket. */
  void disconnect() {
    socket.disconnect("disconnected by the hub");
  }

  /**
   * Tells the client to go once what is queued for it is written. On its loop, between two of
   * its requests: the socket stops reading requests (those sent from then on are sent again
   * after the client reconnects, never answered with an error here) and its sessions are
   * closed (nothing more is queued for it, and its consumers wait out their grace period); then
   * the deliveries queued are written, then a socket.io disconnect, then the socket closes.
   * Safe from any thread; later calls get the first one's future.
   *
   * @return completes with true once all of it was written, false if the connection closed or
   *     was dropped before
   */
  CompletableFuture<Boolean> leave() {
    CompletableFuture<Boolean> left = new CompletableFuture<>();
    if (!leaving.compareAndSet(null, left)) {
      return leaving.get();
    }
    boolean told = socket.stopRequests(() -> {
      close();
      outgoing.whenDrained(() -> socket.leave("the hub is closing")
          .thenAccept(left::complete));
    });
    if (!told) {
      left.complete(false); // the server is stopping: nothing more is written
    }
    return left;
  }

  /** Its socket closed: what was not written by now will not be. */
  void socketClosed() {
    if (socket.tooSlow()) {
      dropped();
    }
    CompletableFuture<Boolean> left = leaving.get();
    if (left != null) {
      left.complete(false);
    }
  }

  /** It did not take what it was written: counted once, whichever part noticed. */
  private void dropped() {
    if (dropped.compareAndSet(false, true)) {
      onDropped.run();
    }
  }

  /** Bytes waiting to be written to it, about; from any thread. */
  long queuedBytes() {
    return outgoing.backlogBytes() + socket.queuedBytes();
  }

  private void checkOpen() throws RequestException {
    if (closed) {
      throw new RequestException(ErrorCode.INTERNAL, "the connection is closing");
    }
  }

  /** A session ended or closed since its request looked it up must not be indexed again. */
  private void checkLive(Session session) throws RequestException {
    checkOpen();
    if (sessions.get(session.name) != session) {
      throw notAuthenticated(session.name);
    }
  }

  private static RequestException notAuthenticated(String name) {
    return new RequestException(ErrorCode.NOT_AUTHENTICATED,
        "session '" + name + "' is not authenticated on this connection");
  }

  @Override public String toString() {
    return "Connection{" + socket.id() + ", sessions=" + sessions.keySet() + "}";
  }
}
