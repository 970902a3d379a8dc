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
 * {@link RequestJsonSupport#writeValue}): never changed once made.
 */
final class Delivery {
  private static final byte[] DELIVER = Message.bytes("[\"" + Events.DELIVER + "\"");
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

  /**
   * Writes the arguments of a {@code deliver} packet, {@code ["deliver",{...},{...}]}, given
   * its event name and deliveries as netty-socketio hands them over.
   */
  static void writeEvent(ByteBuf out, List<?> nameAndDeliveries) {
    out.writeBytes(DELIVER);
    for (int i = 1; i < nameAndDeliveries.size(); i++) {
      out.writeByte(',');
      ((Delivery) nameAndDeliveries.get(i)).writeTo(out);
    }
    out.writeByte(']');
  }

  private void writeTo(ByteBuf out) {
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

  /** Writes a non-negative number's digits without making a String of them. */
  private static void writeDecimal(ByteBuf out, long value) {
    long divisor = 1;
    while (value / divisor >= 10) {
      divisor *= 10;
    }
    for (; divisor > 0; divisor /= 10) {
      out.writeByte((int) ('0' + value / divisor % 10));
    }
  }

  @Override public String toString() {
    return "Delivery{" + message.event + " to " + sessions.size() + " sessions}";
  }
}
