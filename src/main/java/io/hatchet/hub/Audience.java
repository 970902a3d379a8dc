package io.hatchet.hub;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The sessions of one {@link Cohort} on one connection that a {@code deliver} is written to, with
 * their names encoded once: the {@code "sessions"} and {@code "seqs"} of a {@link Delivery}.
 * Member {@code i}'s number for an event is the window's number minus {@code bases[i]}.
 *
 * <p>Why: with many consumers on one connection, writing each one's name and number for every
 * event was the largest part of a delivery's cost once windows were shared. A cohort keeps its
 * audiences until a member comes, goes or changes session (see {@link Cohort#audiences}), so an
 * event costs one copy of the names, and, when the members' numbers are all the same (they
 * joined together), one number written once and repeated. Immutable.
 */
final class Audience {
  /** A growing buffer for numbers, one per event loop: the bytes are copied out at once. */
  private static final FastThreadLocal<byte[]> SCRATCH = new FastThreadLocal<>() {
    @Override protected byte[] initialValue() {
      return new byte[256];
    }
  };

  final Connection connection;
  /** The sessions' names as JSON strings in UTF-8, separated by commas. */
  private final byte[] names;
  private final long[] bases;
  /** Whether every base is the same: then every member's number is. */
  private final boolean oneBase;

  private Audience(Connection connection, byte[] names, long[] bases) {
    this.connection = connection;
    this.names = names;
    this.bases = bases;
    long first = bases[0];
    boolean same = true;
    for (long base : bases) {
      same &= base == first;
    }
    this.oneBase = same;
  }

  /** {@code session} alone, numbering as a record of base {@code base}. */
  static Audience of(Session session, long base) {
    return new Audience(session.connection, session.quotedName, new long[] {base});
  }

  int count() {
    return bases.length;
  }

  /** About how many bytes the names and numbers for window number {@code seq} take. */
  int size(long seq) {
    return names.length + bases.length * (digits(Math.max(seq - bases[0], 0)) + 1);
  }

  void writeNames(ByteBuf out) {
    out.writeBytes(names);
  }

  /** Writes each member's number for window number {@code seq}, separated by commas. */
  void writeNumbers(ByteBuf out, long seq) {
    if (oneBase) {
      // One number, many times: write it once, then double what is written until all are.
      long number = seq - bases[0];
      int unit = digits(number) + 1;
      int length = unit * bases.length;
      byte[] scratch = scratch(length);
      writeDecimal(scratch, 0, number);
      scratch[unit - 1] = ',';
      for (int filled = unit; filled < length; filled *= 2) {
        System.arraycopy(scratch, 0, scratch, filled, Math.min(filled, length - filled));
      }
      out.writeBytes(scratch, 0, length - 1);
      return;
    }
    byte[] scratch = scratch(21 * bases.length);
    int at = 0;
    for (int i = 0; i < bases.length; i++) {
      if (i > 0) {
        scratch[at++] = ',';
      }
      at = writeDecimal(scratch, at, seq - bases[i]);
    }
    out.writeBytes(scratch, 0, at);
  }

  private static byte[] scratch(int length) {
    byte[] scratch = SCRATCH.get();
    if (scratch.length < length) {
      scratch = new byte[Math.max(length, scratch.length * 2)];
      SCRATCH.set(scratch);
    }
    return scratch;
  }

  /** How many digits a non-negative number has. */
  static int digits(long value) {
    int length = 1;
    for (long rest = value / 10; rest > 0; rest /= 10) {
      length++;
    }
    return length;
  }

  /**
   * Writes a non-negative number's digits at {@code at}, last digit first, and returns the index
   * after them: a division by the constant 10 per digit, which the JIT makes a multiplication.
   */
  static int writeDecimal(byte[] to, int at, long value) {
    int end = at + digits(value);
    for (int i = end - 1; i >= at; i--) {
      to[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    return end;
  }

  @Override public String toString() {
    return "Audience{" + bases.length + " sessions}";
  }

  /** Collects the sessions of one connection, in order. */
  static final class Builder {
    final Connection connection;
    private final ByteArrayOutputStream names = new ByteArrayOutputStream();
    private long[] bases = new long[8];
    private int count;
    /** The first session's name: alone, it is the names, and no copy is made. */
    private byte[] firstName;

    Builder(Connection connection) {
      this.connection = connection;
    }

    Builder add(Session session, long base) {
      if (count == 0) {
        firstName = session.quotedName;
      } else {
        names.write(',');
      }
      names.writeBytes(session.quotedName);
      if (count == bases.length) {
        bases = Arrays.copyOf(bases, count * 2);
      }
      bases[count++] = base;
      return this;
    }

    Audience build() {
      byte[] all = count == 1 ? firstName : names.toByteArray();
      return new Audience(connection, all, Arrays.copyOf(bases, count));
    }
  }
}
