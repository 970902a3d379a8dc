package io.hatchet.internal.auth;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.hatchet.TokenProvider;
import io.hatchet.internal.Checks;
import io.hatchet.internal.Log;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A consumer's tokens from a {@link TokenProvider}: asked for at every authentication, and once
 * ahead of expiry, so that the last good token is at hand when the provider fails at a reconnect
 * (its backend down, say): that token is used while it is good for at least the margin.
 *
 * <p>The provider runs on {@code lane}, the consumer's own callback lane, so that a slow provider
 * delays that consumer's callbacks and nobody else's. One call at a time: a request for a token
 * while one is being fetched waits for that one. {@link #close} stops it: no call after it.
 */
public final class TokenCache implements Supplier<CompletableFuture<String>>, AutoCloseable {
  /** A token this close to expiry is not used to authenticate; allows for clock skew too. */
  private static final long MARGIN_MILLIS = 30_000;

  private final TokenProvider provider;
  private final Executor lane;
  private final ScheduledExecutorService scheduler;
  private final Log log;
  // Guarded by this.
  private String token;
  private long expiresAtMillis;
  private CompletableFuture<String> fetching;
  private ScheduledFuture<?> refresh;
  private boolean closed;

  public TokenCache(TokenProvider provider, Executor lane, ScheduledExecutorService scheduler,
      Log log) {
    this.provider = provider;
    this.lane = lane;
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

  @Override
  public synchronized void close() {
    closed = true;
    if (refresh != null) refresh.cancel(false);
    refresh = null;
  }

  private synchronized String goodToken() {
    boolean good = token != null && expiresAtMillis - System.currentTimeMillis() > MARGIN_MILLIS;
    return good ? token : null;
  }

  private CompletableFuture<String> fetch() {
    CompletableFuture<String> result;
    synchronized (this) {
      if (closed) return CompletableFuture.failedFuture(new IllegalStateException("closed"));
      if (fetching != null) return fetching;
      result = new CompletableFuture<>();
      fetching = result;
    }
    result.whenComplete((fresh, error) -> fetched(result, fresh));
    // Outside the lock: the lane may run the provider, user code, at once.
    lane.execute(() -> {
      if (isClosed()) {
        result.completeExceptionally(new IllegalStateException("closed"));
        return;
      }
      try {
        result.complete(Checks.notBlank(provider.token(), "the TokenProvider's token"));
      } catch (Throwable e) {
        result.completeExceptionally(new IllegalStateException("TokenProvider failed: " + e, e));
      }
    });
    return result;
  }

  private synchronized boolean isClosed() {
    return closed;
  }

  private synchronized void fetched(CompletableFuture<String> result, String fresh) {
    if (fetching == result) fetching = null;
    if (fresh == null || closed) return;
    token = fresh;
    expiresAtMillis = expiryOf(fresh);
    if (expiresAtMillis == Long.MAX_VALUE) {
      token = null; // no exp: nothing to refresh, and no telling how long it stays good
      return;
    }
    long lifetime = expiresAtMillis - System.currentTimeMillis();
    // Refresh when four fifths of the lifetime are gone, and no later than the margin: a token
    // that fresh is the one a reconnect can fall back on. Only one refresh is ever scheduled.
    long refreshIn = Math.min(lifetime * 4 / 5, lifetime - MARGIN_MILLIS);
    if (refresh != null) refresh.cancel(false);
    refresh = null;
    if (refreshIn <= 0) return;
    try {
      refresh = scheduler.schedule(this::fetch, refreshIn, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      log.info("not refreshing a token: closing");
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
