package io.hatchet.hub;

/**
 * One authenticated identity on one connection. A consumer session routes through the
 * {@link ConsumerRecord} of its consumer id, which holds what it watches and its alias, for as
 * long as it is that record's session.
 */
final class Session {
  final Connection connection;
  final String name;
  /** The name as a JSON string in UTF-8, quotes included, for {@link Delivery}. */
  final byte[] quotedName;
  final AppRoutes app;
  final Credential credential;
  /** The consumer id, which routes to this session; null for contributors and producers. */
  final String consumerId;
  /**
   * What claiming its consumer id found; null for other roles. Set by {@link Connection#open}
   * and read by {@link AuthHandler} for its answer, on the same thread.
   */
  ConsumerRecord.Resumption resumption;
  /** Made when first asked for, on the connection's event loop: most sessions never need it. */
  private SessionData data;

  Session(Connection connection, String name, AppRoutes app, Credential credential,
      String consumerId) {
    this.connection = connection;
    this.name = name;
    this.quotedName = JsonBytes.quoted(name);
    this.app = app;
    this.credential = credential;
    this.consumerId = consumerId;
  }

  Role role() {
    return credential.role;
  }

  /** The user of a token consumer, else null. */
  String userId() {
    return credential.userId;
  }

  boolean permits(String event) {
    return credential.permits(event);
  }

  /** The session's data for the hooks. On the connection's event loop. */
  SessionData data() {
    if (data == null) {
      data = new BoundedSessionData();
    }
    return data;
  }

  /** Gives the session the data an authorizer filled. On the connection's event loop. */
  void data(SessionData data) {
    this.data = data;
  }

  @Override public String toString() {
    return "Session{" + name + ", app=" + app.name() + ", " + credential.role.wireName + "}";
  }
}
