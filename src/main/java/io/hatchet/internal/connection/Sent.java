package io.hatchet.internal.connection;

import com.google.gson.JsonElement;

/** A request sent and waiting for its answer, from {@link Link#emit}. Connection's thread. */
public interface Sent {
  /** Where the answer to a request goes, on the connection's thread; one of the two, once. */
  interface Answer {
    /** The hub answered with {@code answer}: its first argument, or null if it had none. */
    void answered(JsonElement answer);

    /** No answer within the ack timeout. */
    void timedOut();
  }

  /**
   * Forgets the request: its answer or timeout, if it comes, is ignored, and its bytes leave the
   * write budget. Idempotent.
   */
  void cancel();
}
