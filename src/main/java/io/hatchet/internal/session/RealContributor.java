package io.hatchet.internal.session;

import io.hatchet.Contributor;
import io.hatchet.internal.Checks;
import io.hatchet.internal.connection.Link;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The {@link Contributor} behind {@code Hatchet.contributor}. */
final class RealContributor extends AbstractSession implements Contributor {
  private RealContributor(Link link, String app, String key) {
    super(link, "k", app, lane -> () -> CompletableFuture.completedFuture(key));
  }

  /** A contributor on {@code link}, authenticating as soon as it can. */
  static RealContributor open(Link link, String app, String key) {
    RealContributor contributor = new RealContributor(link, app, key);
    contributor.start();
    return contributor;
  }

  @Override
  String role() {
    return "contributor";
  }

  @Override
  List<Call> restoreCalls() {
    return List.of(); // a contributor keeps no state at the hub
  }

  @Override
  public CompletableFuture<Integer> broadcast(String event, Object data) {
    return publish(event, data, null, null, false);
  }

  @Override
  public CompletableFuture<Integer> broadcastVolatile(String event, Object data) {
    return publish(event, data, null, null, true);
  }

  @Override
  public CompletableFuture<Integer> sendVolatile(String event, Object data, String... aliases) {
    Checks.notNull(aliases, "aliases");
    return sendVolatile(event, data, Arrays.asList(aliases));
  }

  @Override
  public CompletableFuture<Integer> sendVolatile(String event, Object data, Collection<String> aliases) {
    return publish(event, data, "to", names(aliases, "alias"), true);
  }

  @Override
  public CompletableFuture<Integer> send(String event, Object data, String... aliases) {
    Checks.notNull(aliases, "aliases");
    return send(event, data, Arrays.asList(aliases));
  }

  @Override
  public CompletableFuture<Integer> send(String event, Object data, Collection<String> aliases) {
    return publish(event, data, "to", names(aliases, "alias"), false);
  }
}
