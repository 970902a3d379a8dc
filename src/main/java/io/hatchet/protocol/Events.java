package io.hatchet.protocol;

/**
 * The names of the socket.io events of PROTOCOL.md, and the protocol version. A client sends
 * the requests and the hub answers them; the hub sends {@link #DELIVER} and {@link #HUB_ERROR}
 * of its own. A name the other side does not know is {@code unknown_event} at the hub and
 * ignored by the client, so a typo on either side would fail quietly: both read them here.
 */
public final class Events {
  /** The version of PROTOCOL.md this library speaks, sent as {@code v} in every {@link #AUTH}. */
  public static final int PROTOCOL_VERSION = 1;

  /** Request: opens a session with a key or a token. */
  public static final String AUTH = "auth";
  /** Request: adds to the events a consumer session receives. */
  public static final String WATCH = "watch";
  /** Request: takes away from the events a consumer session receives. */
  public static final String UNWATCH = "unwatch";
  /** Request: names the user behind a consumer session. */
  public static final String ALIAS = "alias";
  /** Request: sends an event to the consumers that watch it. */
  public static final String PUBLISH = "publish";
  /** Request: closes a session. */
  public static final String END = "end";
  /** Request: a producer puts a consumer id into a room. */
  public static final String JOIN = "join";
  /** Request: a producer takes a consumer id out of a room. */
  public static final String LEAVE = "leave";
  /** Request: how many consumers of a user are connected (producers). */
  public static final String CONSUMERS = "consumers";
  /** Request: whether the connection is alive, answered with or without sessions. */
  public static final String PING = "ping";

  /**
   * In an auth answer's {@code events}: every event. Not an event name: a watch, unwatch or
   * publish of it is {@code bad_request}, so that it stays free to mean "every event" there too.
   */
  public static final String EVERY_EVENT = "*";

  /** From the hub: one or more events for sessions of the connection. */
  public static final String DELIVER = "deliver";
  /** From the hub: a request sent without acknowledgement failed. */
  public static final String HUB_ERROR = "hub-error";

  private Events() {
  }
}
