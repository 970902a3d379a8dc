package io.hatchet;

import static io.hatchet.Queues.poll;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/** A listener that records the Hatchet's connection events, in order. */
final class ConnectionEvents implements HatchetListener {
  final BlockingQueue<String> events = new LinkedBlockingQueue<>();
  /** Completed with the reason of the first disconnection, or of the first failed attempt. */
  final CompletableFuture<String> firstDisconnect = new CompletableFuture<>();

  @Override
  public void onConnected(String url) {
    events.add("connected");
  }

  @Override
  public void onDisconnected(String url, String reason) {
    events.add("disconnected: " + reason);
    firstDisconnect.complete(reason);
  }

  /** The next event: "connected", or "disconnected: " and the reason. */
  String next() {
    return poll(events);
  }
}
