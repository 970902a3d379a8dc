package io.hatchet.hub;

import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.transport.NamespaceClient;
import io.hatchet.protocol.ErrorCode;
import io.hatchet.protocol.Ids;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hub's state for one socket.io connection: the sessions authenticated on it.
 *
 * <p>Requests of a connection run one at a time on its event loop, but it may be closed from
 * any thread (a ping timeout runs on the timer, {@link HatchetHub#disconnectAll()} on the
 * caller's). So every change to its sessions, and every change they make to their consumer
 * records, happens under this object's lock, and nothing is added once it is closed: a closed
 * connection's sessions are off every record (which wait their grace period without them).
 */
final class Connection {
  private final SocketIOClient client;
  private final Outgoing outgoing;
  /** Read without the lock by the event loop; written under it. */
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private boolean closed; // Guarded by this.

  /** {@code loop}: where deliveries are written, best the channel's own. */
  Connection(SocketIOClient client, EventExecutor loop, long maxBacklogBytes) {
    this.client = client;
    this.outgoing = new Outgoing(client, loop, maxBacklogBytes, this::disconnect);
  }

  SocketIOClient client() {
    return client;
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
   * @throws RequestException {@code session_in_use}, then {@code id_in_use}
   */
  synchronized Session open(String name, AppRoutes app, Credential credential,
      String consumerId, Long resume) throws RequestException {
    checkOpen();
    if (sessions.containsKey(name)) {
      throw new RequestException(ErrorCode.SESSION_IN_USE,
          "session '" + name + "' is already authenticated on this connection");
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

  /** Sends a namespace disconnect, then closes the channel. */
  void disconnect() {
    if (client instanceof NamespaceClient) {
      // ClientHead.disconnect() closes the channel too; SocketIOClient.disconnect() only says so.
      ((NamespaceClient) client).getBaseClient().disconnect();
    } else {
      client.disconnect();
    }
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
    return "Connection{" + client.getSessionId() + ", sessions=" + sessions.keySet() + "}";
  }
}
