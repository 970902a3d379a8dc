package io.hatchet.internal;

import com.google.gson.Gson;
import io.hatchet.HatchetListener;
import java.time.Duration;
import java.util.concurrent.Executor;

/** The immutable settings of one Hatchet, as its builder made them. */
public record ClientConfig(
    String url,
    Executor callbackExecutor, // null: the Hatchet makes and owns one
    HatchetListener listener,
    Gson gson,
    int maxQueuedSends,
    Duration ackTimeout,
    Duration connectTimeout,
    Duration reconnectDelayMin,
    Duration reconnectDelayMax,
    boolean log) {}
