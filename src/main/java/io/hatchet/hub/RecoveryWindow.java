package io.hatchet.hub;

import java.util.ArrayDeque;

/**
 * The newest events routed to one {@link Cohort} of consumers, numbered 1, 2, 3, ..., kept so
 * that they can recover what they missed while disconnected: at most {@code maxMessages}, of at most {@code maxBytes}
 * together (the newest is kept whatever its size), none older than {@code maxAge}.
 *
 * <p>The events are shared by every window they are in; what a window costs of its own is one
 * reference per entry. Bounding the bytes too means that a consumer of small events keeps many
 * (a cut at a high rate is still recovered), and one of large events cannot pin much memory.
 *
 * <p>Numbers are contiguous and the oldest go first, so the window is a deque of shared
 * {@link Message}s and the number of the newest: no per-entry object. It is trimmed by count on
 * every append and by age on every append and when asked ({@link #pruneAge}, on a resume).
 *
 * <p>Not thread-safe: its {@link Cohort}'s lock guards it.
 */
final class RecoveryWindow {
  private final ArrayDeque<Message> messages = new ArrayDeque<>();
  private final int maxMessages;
  private final long maxBytes;
  private final long maxAgeNanos;
  /** Bytes of the kept events' encoded heads. */
  private long bytes;
  /** The sequence: the number of the newest event, 0 before the first. */
  private long newest;
  /** Entries numbered above this are kept whatever the limits (see {@link #pin}). */
  private long pinnedAfter = Long.MAX_VALUE;
  /**
   * When the oldest entry was published, or earlier: a bound that lets {@link #pruneAge} pass
   * by without reading the oldest entry while even this is young enough. Each entry read costs
   * a cache miss, for every consumer of every event: what keeping windows costs.
   */
  private long oldestAtMost = Long.MAX_VALUE;

  RecoveryWindow(int maxMessages, long maxBytes, long maxAgeNanos) {
    this.maxMessages = maxMessages;
    this.maxBytes = maxBytes;
    this.maxAgeNanos = maxAgeNanos;
  }

  /** A window holding, and numbering, the same entries as this one, with the same limits. */
  RecoveryWindow copy() {
    RecoveryWindow copy = new RecoveryWindow(maxMessages, maxBytes, maxAgeNanos);
    copy.messages.addAll(messages);
    copy.bytes = bytes;
    copy.newest = newest;
    copy.pinnedAfter = pinnedAfter;
    copy.oldestAtMost = oldestAtMost;
    return copy;
  }

  /** Numbers {@code message} (the sequence plus one), keeps it, and returns its number. */
  long append(Message message) {
    if (messages.isEmpty()) {
      oldestAtMost = message.publishedAt;
    }
    messages.addLast(message);
    bytes += message.size();
    newest++;
    while ((messages.size() > maxMessages || bytes > maxBytes && messages.size() > 1)
        && oldest() <= pinnedAfter) {
      dropOldest();
    }
    pruneAge(message.publishedAt);
    return newest;
  }

  private void dropOldest() {
    bytes -= messages.removeFirst().size();
  }

  /** Bytes of the events kept, as {@link Message#size()} counts them. */
  long bytes() {
    return bytes;
  }

  /** Drops the entries older than the age limit at {@code now} (a {@link Ticker} reading). */
  void pruneAge(long now) {
    if (messages.isEmpty() || now - oldestAtMost <= maxAgeNanos) {
      return; // the oldest entry was published no earlier than oldestAtMost: none is too old
    }
    Message first;
    while ((first = messages.peekFirst()) != null && now - first.publishedAt > maxAgeNanos
        && oldest() <= pinnedAfter) {
      dropOldest();
    }
    if (first != null) {
      oldestAtMost = first.publishedAt;
    }
  }

  /** The number of the newest event, 0 if none was ever appended. */
  long newest() {
    return newest;
  }

  /** The number of the oldest entry kept; {@code newest() + 1} when empty. */
  long oldest() {
    return newest - messages.size() + 1;
  }

  int size() {
    return messages.size();
  }

  /**
   * Whether a consumer that received everything up to {@code last} can be given the rest: every
   * entry {@code last + 1 ... newest()} is kept (trivially so when {@code last == newest()}). A
   * {@code last} above the newest cannot be: the consumer knows of events this window never had.
   */
  boolean holdsAfter(long last) {
    return last <= newest && oldest() <= last + 1;
  }

  /** Calls {@code action} with each entry numbered above {@code after}, oldest first. */
  void forEachAfter(long after, EntryAction action) {
    long seq = oldest();
    for (Message message : messages) {
      if (seq > after) {
        action.accept(seq, message);
      }
      seq++;
    }
  }

  /**
   * Keeps every entry numbered above {@code after} until pinned again, whatever the limits
   * ({@code Long.MAX_VALUE}: none):
   * for the moment between a resume's answer and its replay, so that what the replay must
   * send cannot be trimmed away meanwhile. That moment is one request's handling, so the
   * excess is a few events at most.
   */
  void pin(long after) {
    pinnedAfter = after;
  }

  /** Receives one entry of the window. */
  interface EntryAction {
    void accept(long seq, Message message);
  }
}
