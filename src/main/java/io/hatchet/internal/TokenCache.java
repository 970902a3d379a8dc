package io.hatchet.internal;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.hatchet.TokenProvider;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A consumer's tokens from a {@link TokenProvider}: asked for at every authentication, and ahead
 * of expiry, so that the last good token is at hand when the provider fails at a reconnect (its
 * backend down, say): that token is used while it is good for at least the margin.
 */
final class TokenCache implements Supplier<CompletableFuture<String>> {
  /** A token this close to expiry is not used to authenticate; allows for clock skew too. */
  private static final long MARGIN_MILLIS = 30_000;

  private final TokenProvider provider;
  private final Executor executor;
  private final ScheduledExecutorService scheduler;
  private final Log log;
  private String token;
  private long expiresAtMillis;
  private CompletableFuture<String> fetching;

  TokenCache(TokenProvider provider, Executor executor, ScheduledExecutorService scheduler,
      Log log) {
    this.provider = provider;
    this.executor = executor;
    this.scheduler = scheduler;
    this.log = log;
  }

  @Override
  public CompletableFuture<String> get() {
    return fetch().exceptionallyCompose(error -> {
      String fallback = goodToken();
      return fallback != null ? CompletableFuture.completedFuture(fallback)
          : CompletableFuture.failedFuture(error);
    });
  }

  private synchronized String goodToken() {
    boolean good = token != null && expiresAtMillis - System.currentTimeMillis() > MARGIN_MILLIS;
    return good ? token : null;
  }

  private synchronized CompletableFuture<String> fetch() {
    if (fetching != null) return fetching;
    CompletableFuture<String> result = CompletableFuture.supplyAsync(() -> {
      try {
        return Checks.credential(provider.token(), "the TokenProvider's token");
      } catch (Exception e) {
        throw new IllegalStateException("TokenProvider failed: " + e, e);
      }
    }, executor);
    fetching = result;
    result.whenComplete((fresh, error) -> fetched(result, fresh));
    return result;
  }

  private synchronized void fetched(CompletableFuture<String> result, String fresh) {
    if (fetching == result) fetching = null;
    if (fresh == null) return;
    token = fresh;
    expiresAtMillis = expiryOf(fresh);
    if (expiresAtMillis == Long.MAX_VALUE) {
      token = null; // no exp: nothing to refresh, and no telling how long it stays good
      return;
    }
    long now = System.currentTimeMillis();
    long lifetime = expiresAtMillis - now;
    // Refresh when four fifths of the lifetime are gone, and no later than the margin.
    long refreshIn = Math.min(lifetime * 4 / 5, lifetime - MARGIN_MILLIS);
    if (refreshIn > 0) {
      try {
        scheduler.schedule(this::fetch, refreshIn, TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        log.info("not refreshing a token: closing");
      }
    }
  }

  /** The token's {@code exp} in epoch milliseconds, or Long.MAX_VALUE if it has none. */
  static long expiryOf(String token) {
    try {
      String[] parts = token.split("\\.");
      JsonObject claims = JsonParser.parseString(new String(
          Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)).getAsJsonObject();
      return claims.has("exp") ? claims.get("exp").getAsLong() * 1000 : Long.MAX_VALUE;
    } catch (RuntimeException e) {
      return Long.MAX_VALUE; // not a JWT we can read: treat as without exp
    }
  }
}
