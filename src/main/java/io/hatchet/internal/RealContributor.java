package io.hatchet.internal;

import io.hatchet.Contributor;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The {@link Contributor} behind {@code Hatchet.contributor}. */
public final class RealContributor extends Session implements Contributor {
  private RealContributor(Transport transport, String app, String key) {
    super(transport, "k", app, key);
  }

  /** A contributor registered with {@code transport}, authenticating as soon as it can. */
  public static RealContributor open(Transport transport, String app, String key) {
    RealContributor contributor = new RealContributor(transport, app, key);
    contributor.start();
    return contributor;
  }

  @Override
  String role() {
    return "contributor";
  }

  @Override
  List<Request> restoreRequests() {
    return List.of(); // a contributor keeps no state at the hub
  }

  @Override
  public CompletableFuture<Integer> broadcast(String event, Object data) {
    return publish(event, data, null);
  }

  @Override
  public CompletableFuture<Integer> send(String event, Object data, String... aliases) {
    Checks.notNull(aliases, "aliases");
    return send(event, data, Arrays.asList(aliases));
  }

  @Override
  public CompletableFuture<Integer> send(String event, Object data, Collection<String> aliases) {
    Checks.notNull(aliases, "aliases");
    if (aliases.isEmpty()) throw new IllegalArgumentException("no alias to send to");
    for (String alias : aliases) Checks.name(alias, "alias");
    return publish(event, data, List.copyOf(aliases));
  }

  private CompletableFuture<Integer> publish(String event, Object data, List<String> aliases) {
    Checks.name(event, "event");
    String dataJson = Json.encode(transport.config.gson(), data);
    int bytes = Json.utf8Length(dataJson);
    int limit = maxMessageBytes;
    if (limit >= 0 && bytes > limit) return CompletableFuture.failedFuture(tooLarge(bytes, limit));
    Json.Writer request = request().string("event", event).raw("data", dataJson);
    if (aliases != null) request.strings("to", aliases);
    return enqueue("publish", request.end(), bytes, answer -> answer.optInt("routed"), null);
  }
}
