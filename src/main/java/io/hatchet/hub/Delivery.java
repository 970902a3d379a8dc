package io.hatchet.hub;

import io.hatchet.protocol.Events;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * One delivery object of a {@code deliver} event: {@code {"event", "data", "sessions", "seqs"}},
 * the message's number for each session at the same index.
 *
 * <p>Written by hand, not from a JSON tree: the {@link Message}'s encoded head is copied as it
 * is, then its {@link Audience}'s names and numbers, so fanning out to many connections does
 * not encode the message again for each. Written later, on the connection's event loop (see
 * {@link Outgoing}): never changed once made.
 */
final class Delivery {
  private static final byte[] DELIVER = Message.bytes("42[\"" + Events.DELIVER + "\"");
  private static final byte[] SEQS = Message.bytes("],\"seqs\":[");
  private static final byte[] END = Message.bytes("]}");

  private final Message message;
  private final Part[] parts;
  /** {@link #size()}, counted once: it is asked for again when batched. */
  private final int size;

  Delivery(Message message, Audience audience, long seq) {
    this(message, new Part(audience, seq));
  }

  /** To the sessions of several cohorts on one connection, once for all. */
  Delivery(Message message, Part... parts) {
    this.message = message;
    this.parts = parts;
    int size = message.head.length + SEQS.length + END.length;
    for (Part part : parts) {
      size += part.size();
    }
    this.size = size;
  }

  /**
   * The sessions of one cohort, and the cohort window's number of the message: a session's
   * number is this minus its base.
   */
  record Part(Audience audience, long seq) {
    int size() {
      return audience.size(seq);
    }
  }

  /** About how many bytes this delivery takes on the wire, for sizing batches. */
  int size() {
    return size;
  }

  /** Writes the Engine.IO packet of a {@code deliver} event, {@code 42["deliver",{...},...]}. */
  static void writePacket(ByteBuf out, List<Delivery> deliveries) {
    out.writeBytes(DELIVER);
    for (Delivery delivery : deliveries) {
      out.writeByte(',');
      delivery.writeTo(out);
    }
    out.writeByte(']');
  }

  /** Writes the event as a socket.io event of its own: {@code 42["event",data]}. */
  void writeEvent(ByteBuf out) {
    message.writeEvent(out);
  }

  private void writeTo(ByteBuf out) {
    out.ensureWritable(size());
    out.writeBytes(message.head);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        out.writeByte(',');
      }
      parts[i].audience.writeNames(out);
    }
    out.writeBytes(SEQS);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        out.writeByte(',');
      }
      parts[i].audience.writeNumbers(out, parts[i].seq);
    }
    out.writeBytes(END);
  }

  @Override public String toString() {
    int count = 0;
    for (Part part : parts) {
      count += part.audience.count();
    }
    return "Delivery{" + message.event + " to " + count + " sessions}";
  }
}
