package io.hatchet;

import static io.hatchet.HubFixture.APP;
import static io.hatchet.HubFixture.CONTRIBUTOR_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.hatchet.testing.FaultProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/*
 * Why: the bound on what is in flight was once per session, while every session of a Hatchet
 * writes into one OkHttp WebSocket, whose queue holds 16 MiB in all. Several sessions sending
 * large data over a slow link overflowed it, and OkHttp closed the WebSocket ("close frame
 * 1001"). The budget is now one per connection.
 */
/** Sessions that send large data together share the one connection's buffer without losing it. */
class ConnectionBudgetTest {
  private static final int SENDS = 10;
  private static final String DATA = "x".repeat(500_000);
  /** Per chunk of the proxy, each way: a link of some MB/s, slower than the senders. */
  private static final long LINK_DELAY_MILLIS = 2;
  private static final long SECONDS = 60;

  private final HubFixture fixture = new HubFixture(hub -> hub.maxMessageBytes(600_000));
  private final FaultProxy proxy = fixture.proxy();
  private final ConnectionEvents events = new ConnectionEvents();

  @AfterEach
  void close() throws Exception {
    fixture.close();
  }

  @Test
  void eightContributorsSendingLargeDataOverASlowLinkKeepTheConnection() throws Exception {
    sendOverASlowLink(8);
  }

  /** The control: the same load from one session fits its own bound, today too. */
  @Test
  void oneContributorSendingLargeDataOverASlowLinkKeepsTheConnection() throws Exception {
    sendOverASlowLink(1);
  }

  /** {@code senders} contributors on one Hatchet each broadcast {@link #SENDS} × 500 KB. */
  private void sendOverASlowLink(int senders) throws Exception {
    proxy.receiveBuffer(64 * 1024);
    Hatchet hatchet = fixture.track(Hatchet.builder(proxy.url()).listener(events).build());
    List<Contributor> contributors = new ArrayList<>();
    for (int i = 0; i < senders; i++) contributors.add(hatchet.contributor(APP, CONTRIBUTOR_KEY));
    for (Contributor contributor : contributors) Await.get(contributor.ready());

    proxy.slow(Duration.ofMillis(LINK_DELAY_MILLIS));
    List<CompletableFuture<Integer>> sent = new ArrayList<>();
    for (int n = 0; n < SENDS; n++) {
      for (Contributor contributor : contributors) sent.add(contributor.broadcast("log", DATA));
    }
    CompletableFuture<Void> all = CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
    try {
      // Whichever comes first: every answer, or the end of the connection.
      CompletableFuture.anyOf(all, events.firstDisconnect).get(SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // told apart below
    }
    assertFalse(events.firstDisconnect.isDone(), "the connection was lost: "
        + events.firstDisconnect.getNow(null) + " (" + done(sent) + " of " + sent.size()
        + " sends answered)");
    assertEquals(1, proxy.acceptedConnections(), "connections opened");
    for (CompletableFuture<Integer> future : sent) assertEquals(0, Await.get(future), "routed");
  }

  private static long done(List<CompletableFuture<Integer>> futures) {
    return futures.stream().filter(CompletableFuture::isDone).count();
  }
}
