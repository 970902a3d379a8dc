package io.hatchet.hub;

import java.util.ArrayList;
import java.util.List;

/**
 * The hub of one test and the raw clients the test opened on it. {@link #close()} closes them
 * all, so a test that fails halfway leaves no connection or hub behind for the next one.
 */
final class HubClients implements AutoCloseable {
  private HatchetHub hub;
  private final List<RawClient> clients = new ArrayList<>();

  /**
   * Closes the hub of the test and its clients, if any, and starts one from {@code builder}:
   * a test may restart with other settings halfway.
   */
  HubClients startHub(HatchetHub.Builder builder) {
    if (hub != null) {
      close();
    }
    hub = builder.start();
    return this;
  }

  HatchetHub hub() {
    return hub;
  }

  /** Connects over WebSocket; the client is closed with the hub. */
  RawClient connect() throws Exception {
    return connect("websocket");
  }

  /** Connects over "websocket" or "polling"; the client is closed with the hub. */
  RawClient connect(String transport) throws Exception {
    RawClient client = RawClient.connect(hub.url(), transport);
    clients.add(client);
    return client;
  }

  /** A client the test connected itself, closed with the hub from now on. */
  RawClient track(RawClient client) {
    clients.add(client);
    return client;
  }

  /** A client with contributor session {@code session}, on the key for every event. */
  RawClient contributor(String session) throws Exception {
    RawClient client = connect();
    client.authOk(session, TestApps.CONTRIBUTOR_KEY);
    return client;
  }

  /** A client with producer session {@code session}. */
  RawClient producer(String session) throws Exception {
    RawClient client = connect();
    client.producer(session);
    return client;
  }

  /** Closes {@code client} before the test ends, and forgets it. */
  void close(RawClient client) {
    client.close();
    clients.remove(client);
  }

  /** Closes every client still open, then the hub, even if a client fails to close. */
  @Override public void close() {
    try {
      for (RawClient client : clients) {
        client.close();
      }
      clients.clear();
    } finally {
      hub.close();
    }
  }
}
