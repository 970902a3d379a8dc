package io.hatchet.internal.connection;

/**
 * How much one connection may have sent and not yet had answered, counted over all its sessions:
 * at most {@link #MAX_REQUESTS} requests and {@link #MAX_BYTES} UTF-8 bytes. OkHttp queues what
 * a WebSocket sends in one buffer of 16 MiB per socket, shared by every session of the Hatchet,
 * and closes the socket (1001) when a send would overflow it; a request is no longer in that
 * buffer once it has been answered, so a budget of unanswered bytes well below that size keeps
 * every send within it. One request larger than the budget still goes when nothing else is in
 * flight. Connection's thread only.
 */
final class WriteBudget {
  static final int MAX_REQUESTS = 4_096;
  static final long MAX_BYTES = 8L << 20;

  private int requests;
  private long bytes;

  /** Whether one more request of {@code size} bytes may be sent now. */
  boolean fits(int size) {
    if (requests == 0) return true;
    return requests < MAX_REQUESTS && bytes + size <= MAX_BYTES;
  }

  void take(int size) {
    requests++;
    bytes += size;
  }

  void give(int size) {
    requests--;
    bytes -= size;
  }

  /** The connection dropped: nothing it sent is in flight any more. */
  void reset() {
    requests = 0;
    bytes = 0;
  }

  int requests() {
    return requests;
  }

  long bytes() {
    return bytes;
  }
}
