package io.hatchet.internal;

import com.google.gson.Gson;
import io.hatchet.HatchetListener;
import io.hatchet.MetricsListener;
import java.time.Duration;
import java.util.concurrent.Executor;

/** The immutable settings of one Hatchet, as its builder made them. */
public record ClientConfig(
    String url,
    Executor callbackExecutor, // null: the Hatchet makes and owns one
    HatchetListener listener,
    MetricsListener metrics,
    Gson gson,
    int maxQueuedSends,
    long maxQueuedBytes,
    Duration maxQueueAge,
    Duration ackTimeout,
    Duration connectTimeout,
    Duration reconnectDelayMin,
    Duration reconnectDelayMax,
    Duration heartbeatInterval,
    Duration heartbeatTimeout,
    boolean log) {}
