package io.hatchet.hub;

/**
 * One published event, encoded once. Every consumer it is routed to keeps a reference to this
 * same object in its window and every connection's {@code deliver} writes its text as it is, so
 * fanning out costs no copy of the data per consumer. Immutable.
 */
final class Message {
  final String event;
  /** The {@code data} as JSON text, written raw into each {@code deliver}. */
  final String dataJson;
  /** {@link System#nanoTime()} when it was published: windows drop it by age from this. */
  final long publishedAt;

  Message(String event, String dataJson, long publishedAt) {
    this.event = event;
    this.dataJson = dataJson;
    this.publishedAt = publishedAt;
  }

  @Override public String toString() {
    return "Message{" + event + ", " + dataJson.length() + " chars}";
  }
}
