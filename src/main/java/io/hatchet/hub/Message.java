package io.hatchet.hub;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * One published event, encoded once. Every consumer it is routed to keeps a reference to this
 * same object in its window, and every connection's {@code deliver} copies its encoded bytes as
 * they are, so fanning out costs no encoding of the event per consumer. Immutable.
 */
final class Message {
  private static final byte[] EVENT = bytes("{\"event\":");
  private static final byte[] DATA = bytes(",\"data\":");
  private static final byte[] SESSIONS = bytes(",\"sessions\":[");
  private static final byte[] EMIT = bytes("42[");

  final String event;
  /**
   * The start of a delivery object, as UTF-8 JSON: {@code {"event":"...","data":...,"sessions":[}.
   * {@link Delivery} writes the rest, which differs between connections.
   */
  final byte[] head;
  /** {@code head.length}, kept apart so that a window trims without reading the array. */
  private final int size;
  /** The hub's {@link Ticker} when it was published: windows drop it by age from this. */
  final long publishedAt;

  /** {@code data} is the data's JSON text in UTF-8. */
  Message(String event, byte[] data, long publishedAt) {
    this.event = event;
    this.publishedAt = publishedAt;
    byte[] name = JsonBytes.quoted(event);
    byte[] head = new byte[EVENT.length + name.length + DATA.length + data.length
        + SESSIONS.length];
    int at = put(head, 0, EVENT);
    at = put(head, at, name);
    at = put(head, at, DATA);
    at = put(head, at, data);
    put(head, at, SESSIONS);
    this.head = head;
    this.size = head.length;
  }

  /**
   * Writes the Engine.IO packet of this event as a socket.io event of its own,
   * {@code 42["event",data]}, from the encoded head: its name and data as they are there.
   */
  void writeEvent(ByteBuf out) {
    int name = JsonBytes.quoted(event).length;
    int data = EVENT.length + name + DATA.length;
    out.writeBytes(EMIT);
    out.writeBytes(head, EVENT.length, name);
    out.writeByte(',');
    out.writeBytes(head, data, head.length - SESSIONS.length - data);
    out.writeByte(']');
  }

  private static int put(byte[] to, int at, byte[] from) {
    System.arraycopy(from, 0, to, at, from.length);
    return at + from.length;
  }

  /** About how many bytes this event holds: its encoded head. */
  int size() {
    return size;
  }

  static byte[] bytes(String ascii) {
    return ascii.getBytes(StandardCharsets.US_ASCII);
  }

  @Override public String toString() {
    return "Message{" + event + ", " + head.length + " bytes}";
  }
}
