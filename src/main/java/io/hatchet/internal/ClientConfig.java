package io.hatchet.internal;

import com.google.gson.Gson;
import io.hatchet.HatchetListener;
import io.hatchet.MetricsListener;
import java.time.Duration;
import java.util.concurrent.Executor;

/** The immutable settings of one Hatchet, as its builder made them. */
public record ClientConfig(
    String url,
    String path,
    Executor callbackExecutor, // null: the Hatchet makes and owns one
    HatchetListener listener,
    MetricsListener metrics,
    Gson gson,
    int maxQueuedSends,
    long maxQueuedChars,
    Duration maxQueueAge,
    Duration ackTimeout,
    Duration connectTimeout,
    Duration reconnectDelayMin,
    Duration reconnectDelayMax,
    Duration heartbeatInterval,
    Duration heartbeatTimeout,
    Duration failIfNotConnectedWithin, // null: keep trying
    boolean log,
    ClientTls tls) { // null: the platform's trusted authorities

  /**
   * How long one frame may take to leave: a link that stalls longer is taken for dead, so that
   * the heartbeat's bound ({@code interval + timeout}) is the one that holds, not OkHttp's own
   * 10 s default.
   */
  public Duration writeTimeout() {
    return heartbeatInterval.plus(heartbeatTimeout);
  }
}
