package io.hatchet.testing;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import io.hatchet.Consumer;
import io.hatchet.EventHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records the events a consumer receives, for a test to take one by one and check:
 *
 * <pre>{@code
 * EventRecorder events = new EventRecorder();
 * events.watch(consumer, "signup").join();       // the hub has confirmed the watch
 * contributor.broadcast("signup", new Signup("Ben", "Hull", "2024-05-01"));
 * Signup signup = events.takeEvent(Signup.class, Duration.ofSeconds(5));
 * events.assertNoMoreEvents(Duration.ofMillis(200));
 * }</pre>
 *
 * <p>Events are taken in the order the consumer received them, whatever their name.
 * {@link #handler(String)} gives the handler to watch with yourself, for instance next to your
 * application's own handler. The {@code take} methods fail with an {@link AssertionError} that says
 * what was expected and what came, so they need no test framework.
 *
 * <p><b>Threads.</b> Thread-safe. The handlers record on the consumer's Hatchet's callback thread
 * (whatever its callback executor runs them on) and never block it; the {@code take} and
 * {@code assert} methods wait on the thread that calls them, your test's.
 *
 * <p><b>Bounds.</b> At most {@code maxEvents} events wait to be taken (by default
 * {@value #DEFAULT_MAX_EVENTS}). Events past that are counted, not kept, and the next
 * {@code take} or {@code assert} fails saying how many were lost.
 */
public final class EventRecorder {
  /** How many events may wait to be taken, unless a recorder is given another bound. */
  public static final int DEFAULT_MAX_EVENTS = 10_000;

  private final Gson gson;
  private final int maxEvents;
  private final BlockingQueue<RecordedEvent> events;
  private final Set<String> watched = new CopyOnWriteArraySet<>();
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong lost = new AtomicLong();

  /** A recorder that decodes with {@code new Gson()} and holds up to {@value #DEFAULT_MAX_EVENTS}. */
  public EventRecorder() {
    this(new Gson(), DEFAULT_MAX_EVENTS);
  }

  /**
   * A recorder that decodes typed takes with {@code gson} (give it your Hatchet's, if that has
   * adapters of yours) and holds up to {@code maxEvents} events not yet taken.
   *
   * @param gson decodes the data of {@link #takeEvent(Class, Duration)} and
   *     {@link RecordedEvent#data(Class)}
   * @param maxEvents how many events received and not yet taken are kept, at least 1; events past
   *     it are counted as lost
   * @throws IllegalArgumentException if {@code gson} is null or {@code maxEvents} is not positive
   */
  public EventRecorder(Gson gson, int maxEvents) {
    if (gson == null) throw new IllegalArgumentException("gson == null");
    if (maxEvents <= 0) throw new IllegalArgumentException("maxEvents must be > 0: " + maxEvents);
    this.gson = gson;
    this.maxEvents = maxEvents;
    this.events = new LinkedBlockingQueue<>(maxEvents);
  }

  /**
   * A handler that records each {@code event} it is given: pass it to
   * {@link Consumer#watch(String, EventHandler)} with the same name.
   *
   * @param event the event's name, recorded with each event the handler is given; not blank
   * @return a handler that records each event and returns at once, never blocking
   * @throws IllegalArgumentException if {@code event} is null or blank
   */
  public EventHandler<JsonElement> handler(String event) {
    if (event == null || event.isBlank()) throw new IllegalArgumentException("event is null or blank");
    watched.add(event);
    return data -> record(event, data);
  }

  /**
   * Watches each of {@code events} on {@code consumer} with a handler of this recorder.
   *
   * @param consumer the consumer whose events are recorded
   * @param events the names to watch, at least one, none of them blank; all are checked before
   *     any is watched
   * @return completes when the hub has confirmed every watch; fails as the first failed watch does
   * @throws IllegalArgumentException if {@code consumer} is null, or no event or a null or blank
   *     one is given
   */
  public CompletableFuture<Void> watch(Consumer consumer, String... events) {
    if (consumer == null) throw new IllegalArgumentException("consumer == null");
    if (events == null || events.length == 0) throw new IllegalArgumentException("no events");
    List<EventHandler<JsonElement>> handlers = new ArrayList<>();
    for (String event : events) handlers.add(handler(event)); // checks them all before watching
    CompletableFuture<?>[] watches = new CompletableFuture<?>[events.length];
    for (int i = 0; i < events.length; i++) watches[i] = consumer.watch(events[i], handlers.get(i));
    return CompletableFuture.allOf(watches);
  }

  /**
   * Takes the next event received, waiting up to {@code timeout} for one.
   *
   * @param timeout how long to wait, zero or more; zero takes only an event already received
   * @return the oldest event not yet taken
   * @throws IllegalArgumentException if {@code timeout} is null or negative
   * @throws AssertionError if none comes in time, saying what was watched and received so far,
   *     or if events were lost past {@code maxEvents}
   */
  public RecordedEvent takeEvent(Duration timeout) {
    checkTimeout(timeout);
    checkNothingLost();
    RecordedEvent event = poll(timeout);
    if (event == null) {
      throw new AssertionError("no event within " + describe(timeout) + " (watching " + watched
          + ", " + received.get() + " received so far)");
    }
    return event;
  }

  /**
   * Takes the next event received, waiting up to {@code timeout}, and decodes its data to
   * {@code type}.
   *
   * @param <T> the type the data is decoded to
   * @param type the class to decode the data to, with the recorder's Gson
   * @param timeout how long to wait, zero or more
   * @return the oldest event's data as a {@code T}; null if that data is JSON {@code null}
   * @throws IllegalArgumentException if {@code type} is null, or {@code timeout} is null or
   *     negative
   * @throws AssertionError if none comes in time, or its data is not a {@code type}
   */
  public <T> T takeEvent(Class<T> type, Duration timeout) {
    if (type == null) throw new IllegalArgumentException("type == null");
    return takeEvent(timeout).data(type);
  }

  /**
   * Takes the next {@code count} events, waiting up to {@code timeout} for all of them.
   *
   * @param count how many events to take, zero or more
   * @param timeout how long to wait for all of them together, zero or more
   * @return the {@code count} oldest events not yet taken, in the order received
   * @throws IllegalArgumentException if {@code count} is negative, or {@code timeout} is null or
   *     negative
   * @throws AssertionError if fewer come in time, saying how many did and which
   */
  public List<RecordedEvent> takeEvents(int count, Duration timeout) {
    if (count < 0) throw new IllegalArgumentException("count must be >= 0: " + count);
    checkTimeout(timeout);
    long deadline = System.nanoTime() + timeout.toNanos();
    List<RecordedEvent> taken = new ArrayList<>(count);
    while (taken.size() < count) {
      checkNothingLost();
      RecordedEvent event = poll(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
      if (event == null) {
        throw new AssertionError("only " + taken.size() + " of " + count + " events within "
            + describe(timeout) + " (watching " + watched + "): " + taken);
      }
      taken.add(event);
    }
    return taken;
  }

  /**
   * Waits {@code quietFor} and checks that no event was received that was not taken.
   *
   * @param quietFor how long to wait for an event that should not come, zero or more; zero checks
   *     only the events already received
   * @throws IllegalArgumentException if {@code quietFor} is null or negative
   * @throws AssertionError naming the first such event
   */
  public void assertNoMoreEvents(Duration quietFor) {
    checkTimeout(quietFor);
    checkNothingLost();
    RecordedEvent event = poll(quietFor);
    if (event != null) {
      throw new AssertionError("expected no more events within " + describe(quietFor)
          + ", but received " + event + (events.isEmpty() ? "" : " and " + events.size() + " more"));
    }
  }

  /**
   * How many events were received and not taken yet.
   *
   * @return from 0 to {@code maxEvents}; lost events are not counted
   */
  public int unread() {
    return events.size();
  }

  private void record(String event, JsonElement data) {
    received.incrementAndGet();
    // A copy: the tree is shared with every other handler of the event, which may change it.
    JsonElement copy = data == null ? JsonNull.INSTANCE : data.deepCopy();
    if (!events.offer(new RecordedEvent(event, copy, gson))) lost.incrementAndGet();
  }

  private RecordedEvent poll(Duration timeout) {
    try {
      return events.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for an event", e);
    }
  }

  private void checkNothingLost() {
    long count = lost.get();
    if (count > 0) {
      throw new AssertionError("events lost: " + count + " (the recorder holds at most " + maxEvents
          + " not yet taken; take them sooner or give it a larger maxEvents)");
    }
  }

  private static void checkTimeout(Duration timeout) {
    if (timeout == null || timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must be >= 0: " + timeout);
    }
  }

  private static String describe(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 && millis > 0 ? millis / 1000 + " s" : millis + " ms";
  }
}
