package io.hatchet.internal.session;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import io.hatchet.Consumer;
import io.hatchet.EventHandler;
import io.hatchet.TokenProvider;
import io.hatchet.internal.Checks;
import io.hatchet.internal.Json;
import io.hatchet.internal.auth.TokenCache;
import io.hatchet.internal.connection.Delivery;
import io.hatchet.internal.connection.Handoff;
import io.hatchet.internal.connection.Link;
import io.hatchet.protocol.Events;
import io.hatchet.protocol.Ids;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The {@link Consumer} behind {@code Hatchet.consumer}.
 *
 * <p>Its handlers by event are changed on the connection's thread only, in the order that the
 * watches and unwatches are queued for the hub, so that they always end as the hub's last word
 * says. They are read on the callback lane when an event is handed to the user.
 */
final class RealConsumer extends AbstractSession implements Consumer {
  private final Map<String, List<Watcher<?>>> watchers = new ConcurrentHashMap<>();
  private volatile boolean closed;

  // What the hub has confirmed, restored after each re-authentication (connection's thread).
  private final Set<String> confirmedEvents = new LinkedHashSet<>();
  private String confirmedAlias;

  /** Made here, not by the hub, so that it is known at once and the same across reconnects. */
  private final String id = Ids.random();
  /** The number of the last event handed on (connection's thread); older ones are duplicates. */
  private long lastSeq;

  private RealConsumer(Link link, String app, String key) {
    super(link, "c", app, lane -> () -> CompletableFuture.completedFuture(key));
  }

  private RealConsumer(Link link, String app, TokenProvider provider) {
    // The provider runs on this consumer's own callback lane, in line with its handlers.
    super(link, "c", app, lane -> new TokenCache(provider, lane, link.context().scheduler(),
        link.context().log()));
  }

  /** A consumer on {@code link} with a fixed key, authenticating as soon as it can. */
  static RealConsumer open(Link link, String app, String key) {
    RealConsumer consumer = new RealConsumer(link, app, key);
    consumer.start();
    return consumer;
  }

  /** A consumer on {@code link} whose tokens come from {@code provider}. */
  static RealConsumer open(Link link, String app, TokenProvider provider) {
    RealConsumer consumer = new RealConsumer(link, app, provider);
    consumer.start();
    return consumer;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  String role() {
    return "consumer";
  }

  @Override
  void describe(Json.Writer auth, boolean again) {
    auth.string("id", id);
    if (again) auth.number("resume", lastSeq);
  }

  @Override
  void authenticated(Answer answer, boolean again) {
    long hubSeq = answer.optLong("seq", 0);
    if (!again) {
      lastSeq = hubSeq;
      return;
    }
    if (answer.optBoolean("recovered")) {
      states().recovery(true, Math.max(0, hubSeq - lastSeq), null);
      return; // the missed events follow, numbered lastSeq + 1 ... hubSeq
    }
    String reason = hubSeq == 0
        ? "the hub no longer knew this consumer (it restarted, or the consumer was away too long)"
        : "events " + (lastSeq + 1) + " to " + hubSeq + " are no longer in the hub's window";
    lastSeq = hubSeq;
    states().recovery(false, 0, reason);
  }

  /** Watches, unwatches and alias: after ready(), what was asked before it is in effect. */
  @Override
  boolean readyAwaits(Call call) {
    return call.event.equals(Events.WATCH) || call.event.equals(Events.UNWATCH)
        || call.event.equals(Events.ALIAS);
  }

  @Override
  public CompletableFuture<Void> watch(String event, EventHandler<JsonElement> handler) {
    return watch(event, JsonElement.class, handler);
  }

  @Override
  public <T> CompletableFuture<Void> watch(String event, Class<T> type, EventHandler<T> handler) {
    Checks.name(event, "event");
    Checks.notNull(type, "type");
    Checks.notNull(handler, "handler");
    Watcher<T> watcher = new Watcher<>(type, handler);
    String json = request().strings("events", List.of(event)).end();
    return enqueue(Events.WATCH, json, 0, 0, Call.Kind.NORMAL,
        answer -> {
          confirmedEvents.add(event);
          return (Void) null;
        },
        () -> watchers.computeIfAbsent(event, e -> new CopyOnWriteArrayList<>()).add(watcher),
        error -> {
          List<Watcher<?>> list = watchers.get(event);
          if (list != null) list.remove(watcher); // the hub will never deliver it
        });
  }

  @Override
  public CompletableFuture<Void> unwatch(String event) {
    Checks.name(event, "event");
    // Not one more call, from now on, of the handlers that this unwatch will remove; the map
    // itself changes in line with the requests, on the connection's thread.
    List<Watcher<?>> current = watchers.get(event);
    if (current != null) current.forEach(Watcher::cancel);
    String json = request().strings("events", List.of(event)).end();
    return enqueue(Events.UNWATCH, json, 0, 0, Call.Kind.NORMAL,
        answer -> {
          confirmedEvents.remove(event);
          return null;
        },
        () -> watchers.remove(event), null);
  }

  @Override
  public CompletableFuture<Void> alias(String alias) {
    if (alias != null) Checks.name(alias, "alias");
    String json = request().string("alias", alias).end();
    return enqueue(Events.ALIAS, json, answer -> {
      confirmedAlias = alias;
      return null;
    });
  }

  @Override
  List<Call> restoreCalls() {
    List<Call> restore = new ArrayList<>(2);
    if (!confirmedEvents.isEmpty()) {
      List<String> events = List.copyOf(confirmedEvents);
      restore.add(internalCall(Events.WATCH, request().strings("events", events).end()));
    }
    if (confirmedAlias != null) {
      restore.add(internalCall(Events.ALIAS, request().string("alias", confirmedAlias).end()));
    }
    return restore;
  }

  @Override
  public void close() {
    closed = true; // no handler runs after close() returns
    super.close();
  }

  @Override
  void onEnded() {
    closed = true;
    watchers.clear();
  }

  /**
   * An event for this consumer arrived (connection's thread); {@code seq} is its number for this
   * consumer (0 from a hub that does not number).
   */
  @Override
  public void deliver(Delivery delivery, long seq, Handoff handoff) {
    assert link.inLoop();
    if (seq > 0) {
      if (seq <= lastSeq) return; // seen already: a replay overlapping what arrived before
      if (seq > lastSeq + 1) {
        // The hub numbers each consumer's events without holes: some never arrived (a packet
        // this client could not read, say). Said, never silent.
        states().recovery(false, 0, "events " + (lastSeq + 1) + " to " + (seq - 1)
            + " did not arrive");
      }
      lastSeq = seq;
    }
    if (closed) return;
    List<Watcher<?>> list = watchers.get(delivery.event());
    if (list == null || list.isEmpty()) return;
    handoff.add(callbacks, () -> dispatch(delivery, list));
  }

  private void dispatch(Delivery delivery, List<Watcher<?>> list) {
    Gson gson = config.gson();
    for (Watcher<?> watcher : list) {
      if (closed) return;
      if (watcher.cancelled) continue; // unwatched, by a handler or another thread
      try {
        watcher.handle(delivery, gson);
      } catch (Throwable t) {
        context.callbackError(app, delivery.event(), t);
      }
    }
  }

  private static final class Watcher<T> {
    private final Class<T> type;
    private final EventHandler<T> handler;
    volatile boolean cancelled;

    Watcher(Class<T> type, EventHandler<T> handler) {
      this.type = type;
      this.handler = handler;
    }

    void cancel() {
      cancelled = true;
    }

    void handle(Delivery delivery, Gson gson) {
      handler.handle(delivery.as(type, gson));
    }
  }
}
