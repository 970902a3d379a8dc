package io.hatchet;

import static io.hatchet.Queues.poll;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** A listener that records the Hatchet's connection events, in order. */
final class ConnectionEvents implements HatchetListener {
  final BlockingQueue<String> events = new LinkedBlockingQueue<>();

  @Override
  public void onConnected(String url) {
    events.add("connected");
  }

  @Override
  public void onDisconnected(String url, String reason) {
    events.add("disconnected: " + reason);
  }

  /** The next event: "connected", or "disconnected: " and the reason. */
  String next() {
    return poll(events);
  }
}
