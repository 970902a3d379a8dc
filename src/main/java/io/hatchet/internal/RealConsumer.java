package io.hatchet.internal;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import io.hatchet.Consumer;
import io.hatchet.EventHandler;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The {@link Consumer} behind {@code Hatchet.consumer}. */
public final class RealConsumer extends Session implements Consumer {
  /** Handlers by event. Read when an event is handed to the user, so unwatch takes effect at once. */
  private final Map<String, List<Watcher<?>>> watchers = new ConcurrentHashMap<>();
  private volatile boolean closed;

  // What the hub has confirmed, restored after each re-authentication (transport thread only).
  private final Set<String> confirmedEvents = new LinkedHashSet<>();
  private String confirmedAlias;

  private static final SecureRandom random = new SecureRandom();

  /** Made here, not by the hub, so that it is known at once and the same across reconnects. */
  private final String id = newId();

  private RealConsumer(Transport transport, String app, String credential) {
    super(transport, "c", app, () -> credential);
  }

  private static String newId() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  void describe(Json.Writer auth) {
    auth.string("id", id);
  }

  /** A consumer registered with {@code transport}, authenticating as soon as it can. */
  public static RealConsumer open(Transport transport, String app, String key) {
    RealConsumer consumer = new RealConsumer(transport, app, key);
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
    return enqueue("watch", json, 0,
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
    return enqueue("unwatch", json, 0, answer -> {
      confirmedEvents.remove(event);
      return null;
    }, null);
  }

  @Override
  public CompletableFuture<Void> alias(String alias) {
    if (alias != null) Checks.name(alias, "alias");
    String json = request().string("alias", alias).end();
    return enqueue("alias", json, 0, answer -> {
      confirmedAlias = alias;
      return null;
    }, null);
  }

  @Override
  List<Request> restoreRequests() {
    List<Request> restore = new ArrayList<>(2);
    if (!confirmedEvents.isEmpty()) {
      List<String> events = List.copyOf(confirmedEvents);
      restore.add(internalRequest("watch", request().strings("events", events).end(), a -> {}));
    }
    if (confirmedAlias != null) {
      restore.add(internalRequest("alias", request().string("alias", confirmedAlias).end(), a -> {}));
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
  void onClosed() {
    closed = true;
    watchers.clear();
  }

  /** An event for this consumer arrived (transport thread); {@code data} is as org.json read it. */
  void deliver(String event, Object data) {
    if (closed || !watchers.containsKey(event)) return;
    callbacks.execute(() -> dispatch(event, data));
  }

  private void dispatch(String event, Object data) {
    List<Watcher<?>> list = watchers.get(event);
    if (closed || list == null || list.isEmpty()) return;
    JsonElement tree;
    try {
      tree = Json.toGson(data);
    } catch (RuntimeException e) {
      transport.callbackError(app, event, e);
      return;
    }
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
