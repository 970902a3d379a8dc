package io.hatchet.hub;

import io.hatchet.protocol.Events;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * One delivery object of a {@code deliver} event: {@code {"event", "data", "sessions", "seqs"}},
 * the message's number for each session at the same index.
 *
 * <p>Written by hand, not from a JSON tree: the {@link Message}'s encoded head is copied as it
 * is and only the sessions and numbers are added, so fanning out to many connections does not
 * encode the message again for each. Written later, on the connection's event loop (see
 * {@link Outgoing}): never changed once made.
 */
final class Delivery {
  private static final byte[] DELIVER = Message.bytes("42[\"" + Events.DELIVER + "\"");
  private static final byte[] SEQS = Message.bytes("],\"seqs\":[");
  private static final byte[] END = Message.bytes("]}");

  private final Message message;
  private final List<Session> sessions;
  private final long[] seqs;

  Delivery(Message message, List<Session> sessions, long[] seqs) {
    this.message = message;
    this.sessions = sessions;
    this.seqs = seqs;
  }

  /** About how many bytes this delivery takes on the wire, for sizing batches. */
  int size() {
    return message.head.length + 24 * sessions.size() + END.length;
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

  private void writeTo(ByteBuf out) {
    out.ensureWritable(size());
    out.writeBytes(message.head);
    for (int i = 0; i < sessions.size(); i++) {
      if (i > 0) {
        out.writeByte(',');
      }
      out.writeBytes(sessions.get(i).quotedName);
    }
    out.writeBytes(SEQS);
    for (int i = 0; i < seqs.length; i++) {
      if (i > 0) {
        out.writeByte(',');
      }
      writeDecimal(out, seqs[i]);
    }
    out.writeBytes(END);
  }

  /**
   * Writes a non-negative number's digits without making a String of them, last digit first:
   * a division by the constant 10 per digit, which the JIT makes a multiplication. This runs
   * once per consumer per event.
   */
  static void writeDecimal(ByteBuf out, long value) {
    int length = 1;
    for (long rest = value / 10; rest > 0; rest /= 10) {
      length++;
    }
    int start = out.writerIndex();
    out.ensureWritable(length);
    for (int at = start + length - 1; at >= start; at--) {
      out.setByte(at, (int) ('0' + value % 10));
      value /= 10;
    }
    out.writerIndex(start + length);
  }

  @Override public String toString() {
    return "Delivery{" + message.event + " to " + sessions.size() + " sessions}";
  }
}
