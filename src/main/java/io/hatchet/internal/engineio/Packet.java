package io.hatchet.internal.engineio;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;

/**
 * One Engine.IO text packet from the server, read by {@link Packets#read}: what kind it is and
 * what it carries. Immutable.
 *
 * @param kind what the packet is
 * @param ackId the socket.io acknowledgement id of an {@link Kind#EVENT} or {@link Kind#ACK}, or
 *     -1 if it has none
 * @param name the event name of an {@link Kind#EVENT}, else null
 * @param args the arguments of an {@link Kind#EVENT} (after its name) or an {@link Kind#ACK},
 *     else null
 * @param text why an {@link Kind#ERROR} or {@link Kind#CONNECT_ERROR} came about, else null
 */
public record Packet(Kind kind, long ackId, String name, JsonArray args, String text) {
  /** The packets a hatchet client tells apart. */
  public enum Kind {
    /** Engine.IO open: the handshake, to be answered by joining the default namespace. */
    OPEN,
    /** Engine.IO close: the server ended the Engine.IO session. */
    CLOSE,
    /** Engine.IO ping, to be answered with a pong. */
    PING,
    /** Engine.IO pong or noop: nothing to do. */
    NOOP,
    /** socket.io CONNECT with a session id: the default namespace is joined. */
    CONNECT,
    /** socket.io CONNECT_ERROR, or a CONNECT without sid (a socket.io 2 server). */
    CONNECT_ERROR,
    /** socket.io DISCONNECT: the server closed the namespace. */
    DISCONNECT,
    /** socket.io EVENT on the default namespace, with a string name. */
    EVENT,
    /** socket.io ACK on the default namespace. */
    ACK,
    /**
     * Well-formed but not for this client: another namespace, binary packets, an empty message,
     * an event without a name. Dropped.
     */
    IGNORED,
    /** Not Engine.IO: the connection cannot be trusted any more and is ended. */
    ERROR
  }

  static Packet of(Kind kind) {
    return new Packet(kind, -1, null, null, null);
  }

  static Packet error(Kind kind, String why) {
    return new Packet(kind, -1, null, null, why);
  }

  /** The first argument of an ACK, or null if it has none. */
  public JsonElement firstArg() {
    return args == null || args.isEmpty() ? null : args.get(0);
  }
}
