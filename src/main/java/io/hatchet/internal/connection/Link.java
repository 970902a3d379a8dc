package io.hatchet.internal.connection;

import io.hatchet.internal.ClientContext;
import java.util.concurrent.ScheduledFuture;

/**
 * What a session sees of its connection. Unless said otherwise, a method is for the connection's
 * thread only: sessions get there with {@link #execute}.
 */
public interface Link {
  /** The settings, log and threads of the Hatchet; any thread. */
  ClientContext context();

  /**
   * Runs {@code task} on the connection's thread: at once if called there, else after every task
   * handed over before it. Any thread.
   */
  void execute(Runnable task);

  /** Runs {@code task} on the connection's thread after {@code delayMillis}. Any thread. */
  ScheduledFuture<?> schedule(long delayMillis, Runnable task);

  /** Whether the caller runs on the connection's thread: for assertions. Any thread. */
  boolean inLoop();

  /** Whether close() was called: new requests then fail at once. Any thread. */
  boolean isClosing();

  /** Adds {@code member}; it hears {@link Member#connected} at once if the connection is open. */
  void join(Member member);

  /** Removes {@code member}: it hears nothing more. */
  void leave(Member member);

  /**
   * {@code member} has requests to send: the connection takes them, one at a time and in turn
   * with every other member that has some, whenever its write budget has room.
   */
  void readyToSend(Member member);

  /**
   * Sends a request now and times its answer, which goes to {@code answer} unless the connection
   * drops first or {@link Sent#cancel} is called. {@code bytes} count against the connection's
   * write budget until then.
   */
  Sent emit(String event, String json, int bytes, Sent.Answer answer);

  /** Sends {@code event} if connected, asking for no answer. */
  void tell(String event, String json);

  /** Counts the connections opened so far: work begun on one is dropped once it has ended. */
  long epoch();

  /** Whether connection number {@code epoch} is the one open now. */
  boolean isOpen(long epoch);

  /** How long to wait before the next try at a credential that failed {@code failures} times. */
  long backoffMillis(int failures);

  /** Drops the connection and opens a new one after a delay. */
  void reconnect(String reason);
}
