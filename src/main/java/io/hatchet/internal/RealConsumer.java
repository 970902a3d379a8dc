package io.hatchet.internal;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import io.hatchet.Consumer;
import io.hatchet.EventHandler;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/** The {@link Consumer} behind {@code Hatchet.consumer}. */
public final class RealConsumer extends AbstractSession implements Consumer {
  /** Handlers by event. Read when an event is handed to the user, so unwatch takes effect at once. */
  private final Map<String, List<Watcher<?>>> watchers = new ConcurrentHashMap<>();
  private volatile boolean closed;

  // What the hub has confirmed, restored after each re-authentication (transport thread only).
  private final Set<String> confirmedEvents = new LinkedHashSet<>();
  private String confirmedAlias;

  /** Made here, not by the hub, so that it is known at once and the same across reconnects. */
  private final String id = Ids.random();
  /** The number of the last event handed on (transport thread); older numbers are duplicates. */
  private long lastSeq;

  private RealConsumer(Transport transport, String app,
      Supplier<CompletableFuture<String>> credential) {
    super(transport, "c", app, credential);
  }

  @Override
  public String id() {
    return id;
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

  /** A consumer registered with {@code transport}, authenticating as soon as it can. */
  public static RealConsumer open(Transport transport, String app, String key) {
    return open(transport, app, () -> CompletableFuture.completedFuture(key));
  }

  /** A consumer whose credential comes from {@code credential} at every authentication. */
  public static RealConsumer open(Transport transport, String app,
      Supplier<CompletableFuture<String>> credential) {
    RealConsumer consumer = new RealConsumer(transport, app, credential);
    consumer.start();
    return consumer;
  }

  @Override
  String role() {
    return "consumer";
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
    watchers.computeIfAbsent(event, e -> new CopyOnWriteArrayList<>()).add(watcher);
    String json = request().strings("events", List.of(event)).end();
    return enqueue("watch", json, 0, Request.Kind.NORMAL,
        answer -> {
          confirmedEvents.add(event);
          return (Void) null;
        },
        error -> {
          List<Watcher<?>> list = watchers.get(event);
          if (list != null) list.remove(watcher); // the hub will never deliver it
        });
  }

  @Override
  public CompletableFuture<Void> unwatch(String event) {
    Checks.name(event, "event");
    watchers.remove(event);
    String json = request().strings("events", List.of(event)).end();
    return enqueue("unwatch", json, 0, Request.Kind.NORMAL, answer -> {
      confirmedEvents.remove(event);
      return null;
    }, null);
  }

  @Override
  public CompletableFuture<Void> alias(String alias) {
    if (alias != null) Checks.name(alias, "alias");
    String json = request().string("alias", alias).end();
    return enqueue("alias", json, 0, Request.Kind.NORMAL, answer -> {
      confirmedAlias = alias;
      return null;
    }, null);
  }

  @Override
  List<Request> restoreRequests() {
    List<Request> restore = new ArrayList<>(2);
    if (!confirmedEvents.isEmpty()) {
      List<String> events = List.copyOf(confirmedEvents);
      restore.add(internalRequest("watch", request().strings("events", events).end()));
    }
    if (confirmedAlias != null) {
      restore.add(internalRequest("alias", request().string("alias", confirmedAlias).end()));
    }
    return restore;
  }

  @Override
  public void close() {
    closed = true; // no handler runs after close() returns
    watchers.clear();
    super.close();
  }

  @Override
  void onEnded() {
    closed = true;
    watchers.clear();
  }

  /**
   * An event for this consumer arrived (transport thread); {@code data} is this consumer's own
   * tree, {@code seq} its number for this consumer (0 from a hub that does not number).
   */
  void deliver(String event, JsonElement data, long seq) {
    if (seq > 0) {
      if (seq <= lastSeq) return; // seen already: a replay overlapping what arrived before
      lastSeq = seq;
    }
    if (closed || !watchers.containsKey(event)) return;
    callbacks.execute(() -> dispatch(event, data));
  }

  private void dispatch(String event, JsonElement tree) {
    List<Watcher<?>> list = watchers.get(event);
    if (closed || list == null || list.isEmpty()) return;
    boolean shared = list.size() > 1;
    for (Watcher<?> watcher : list) {
      if (closed || watchers.get(event) != list) return; // closed or unwatched by a handler
      try {
        watcher.handle(transport.config.gson(), shared ? tree.deepCopy() : tree);
      } catch (Throwable t) {
        transport.callbackError(app, event, t);
      }
    }
  }

  private record Watcher<T>(Class<T> type, EventHandler<T> handler) {
    void handle(Gson gson, JsonElement tree) {
      T value = type == JsonElement.class ? type.cast(tree) : gson.fromJson(tree, type);
      handler.handle(value);
    }
  }
}
