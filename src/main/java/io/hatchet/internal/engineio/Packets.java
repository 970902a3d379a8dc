package io.hatchet.internal.engineio;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.hatchet.internal.engineio.Packet.Kind;
import io.hatchet.protocol.PacketHeader;
import io.hatchet.protocol.Limits;
import io.hatchet.protocol.StrictJson;

/**
 * The Engine.IO 4 and socket.io 5 packet formats (what socket.io 3 and 4 servers speak), text
 * packets on the default namespace only, as pure functions over strings: all of socket.io that a
 * hatchet client uses. Written here rather than taken from socket.io-client-java, whose codec
 * comes with its event thread and org.json trees (see {@link EngineSocket}).
 *
 * <p>An Engine.IO packet is a type digit and its data; a socket.io packet travels as Engine.IO
 * type {@code 4}, followed by its own type digit, an optional namespace ({@code /name,}), an
 * optional acknowledgement id (decimal digits) and a JSON payload.
 */
public final class Packets {
  /** Engine.IO pong: the answer to a ping. */
  public static final String PONG = "3";
  /** socket.io CONNECT to the default namespace, without auth payload. */
  public static final String CONNECT = "40";
  /** socket.io DISCONNECT from the default namespace. */
  public static final String DISCONNECT = "41";
  /**
   * How deep a payload may nest. Gson's default, 255, is below what the hub relays (it reads
   * request packets {@link Limits#MAX_NESTING} deep, and a delivery nests its data no deeper than
   * a publish did): an event the hub routed would be dropped here. Past this, the packet is not
   * read at all.
   */
  static final int MAX_NESTING = Limits.MAX_NESTING + 100;

  private static final String NOT_SOCKET_IO_4 =
      "the server's CONNECT has no sid: not a socket.io 3 or 4 server";

  private Packets() {}

  /**
   * A socket.io EVENT named {@code name} with one argument, {@code json} (valid JSON text, not
   * checked), asking for acknowledgement {@code ackId}, or for none if it is negative.
   */
  public static String event(String name, String json, long ackId) {
    StringBuilder packet = new StringBuilder(json.length() + name.length() + 28).append("42");
    if (ackId >= 0) packet.append(ackId);
    return packet.append('[').append(quote(name)).append(',').append(json).append(']').toString();
  }

  /** Reads one Engine.IO text packet. Never throws: what cannot be read is an ERROR packet. */
  public static Packet read(String text) {
    if (text.isEmpty()) return Packet.error(Kind.ERROR, "parse error: an empty Engine.IO packet");
    return switch (text.charAt(0)) {
      case '0' -> Packet.of(Kind.OPEN);
      case '1' -> Packet.of(Kind.CLOSE);
      case '2' -> Packet.of(Kind.PING);
      case '3', '6' -> Packet.of(Kind.NOOP);
      case '4' -> readMessage(text);
      default -> Packet.error(Kind.ERROR,
          "parse error: Engine.IO packet type '" + text.charAt(0) + "'");
    };
  }

  /** A socket.io packet: {@code 4}, then its type, namespace, ack id and JSON payload. */
  private static Packet readMessage(String text) {
    if (text.length() < 2) return Packet.error(Kind.IGNORED, "an empty message");
    PacketHeader header = PacketHeader.read(text, 1);
    if (header == null) {
      return text.charAt(1) == '0' ? Packet.error(Kind.CONNECT_ERROR, NOT_SOCKET_IO_4)
          : Packet.error(Kind.IGNORED, "not a valid socket.io packet header");
    }
    if (!header.isDefaultNamespace()) {
      return Packet.error(Kind.IGNORED, "a packet for another namespace");
    }
    String payload = text.substring(header.payloadStart());
    long ackId = header.ackId();
    return switch (header.type()) {
      case PacketHeader.CONNECT -> hasSid(payload) ? Packet.of(Kind.CONNECT)
          : Packet.error(Kind.CONNECT_ERROR, NOT_SOCKET_IO_4);
      case PacketHeader.DISCONNECT -> Packet.of(Kind.DISCONNECT);
      case PacketHeader.EVENT -> readEvent(payload, ackId);
      case PacketHeader.ACK -> {
        JsonArray args = array(payload);
        yield args == null ? Packet.error(Kind.IGNORED, "an ack whose payload is not an array")
            : new Packet(Kind.ACK, ackId, null, args, null);
      }
      case PacketHeader.CONNECT_ERROR -> Packet.error(Kind.CONNECT_ERROR, payload);
      default -> Packet.error(Kind.IGNORED, "a binary socket.io packet");
    };
  }

  private static Packet readEvent(String payload, long ackId) {
    JsonArray args = array(payload);
    if (args == null || args.isEmpty() || !isString(args.get(0))) {
      return Packet.error(Kind.IGNORED, "an event without a name");
    }
    String name = args.get(0).getAsString();
    args.remove(0);
    return new Packet(Kind.EVENT, ackId, name, args, null);
  }

  /** {@code name} as a JSON string; the protocol's names need no escaping, others get Gson's. */
  static String quote(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c == '-' || c == '_' || isDigit(c))) {
        return new JsonPrimitive(name).toString();
      }
    }
    return '"' + name + '"';
  }

  private static JsonArray array(String json) {
    return parse(json) instanceof JsonArray array ? array : null;
  }

  private static boolean hasSid(String json) {
    return parse(json) instanceof JsonObject object
        && object.get("sid") instanceof JsonPrimitive sid && sid.isString();
  }

  /** {@code json} read, or null if {@link StrictJson} refuses it, as too deep past MAX_NESTING. */
  private static JsonElement parse(String json) {
    return StrictJson.parse(json, MAX_NESTING);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isString(JsonElement element) {
    return element.isJsonPrimitive() && element.getAsJsonPrimitive().isString();
  }
}
