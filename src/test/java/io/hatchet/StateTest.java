package io.hatchet;

import static io.hatchet.HubFixture.APP;
import static io.hatchet.HubFixture.CONSUMER_KEY;
import static io.hatchet.HubFixture.CONTRIBUTOR_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatchet.testing.FaultProxy;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every session reports its state changes, with reasons, and chitchat's three events. */
class StateTest {
  private final HubFixture fixture = new HubFixture();

  @AfterEach
  void close() throws Exception {
    fixture.close();
  }

  /** Records "previous>current" for each change, and the chitchat events by name. */
  private static final class Recorder implements StateListener {
    final BlockingQueue<String> seen = new LinkedBlockingQueue<>();

    @Override
    public void onStateChange(State previous, State current, String reason) {
      assertTrue(reason != null && !reason.isBlank(), "a change has a reason");
      seen.add(previous + ">" + current);
    }

    @Override
    public void onConnect() {
      seen.add("connect");
    }

    @Override
    public void onDisconnect(String reason) {
      seen.add("disconnect");
    }

    @Override
    public void onReconnect(String reason) {
      seen.add("reconnect");
    }

    void expect(String... events) throws InterruptedException {
      for (String event : events) {
        assertEquals(event, seen.poll(Await.SECONDS, TimeUnit.SECONDS));
      }
    }
  }

  @Test
  void aCutTakesASessionThroughDisconnectedAndReconnectingBackToConnected() throws Exception {
    FaultProxy proxy = fixture.proxy();
    Hatchet hatchet = fixture.track(Hatchet.builder(proxy.url())
        .reconnectDelay(Duration.ofMillis(10), Duration.ofMillis(50)).build());
    Contributor contributor = hatchet.contributor(APP, CONTRIBUTOR_KEY);
    Recorder recorder = new Recorder();
    contributor.addStateListener(recorder);
    assertEquals(State.CONNECTING, contributor.state());
    recorder.expect("CONNECTING>CONNECTED", "connect");
    assertEquals(State.CONNECTED, contributor.state());

    proxy.cut();
    recorder.expect("CONNECTED>DISCONNECTED", "disconnect", "DISCONNECTED>RECONNECTING",
        "reconnect", "RECONNECTING>CONNECTED", "connect");
    assertEquals(State.CONNECTED, contributor.state());

    contributor.close();
    recorder.expect("CONNECTED>CLOSED");
    assertEquals(State.CLOSED, contributor.state());
  }

  @Test
  void aRefusedCredentialFailsWithItsReasonAndNothingElseChanges() throws Exception {
    Hatchet hatchet = fixture.hatchet();
    Consumer consumer = hatchet.consumer(APP, "wrong");
    BlockingQueue<String> reasons = new LinkedBlockingQueue<>();
    consumer.addStateListener(new StateListener() {
      @Override
      public void onStateChange(State previous, State current, String reason) {
        reasons.add(current + " " + reason);
      }
    });
    Await.failure(consumer.ready(), AuthenticationException.class);
    String failed = reasons.poll(Await.SECONDS, TimeUnit.SECONDS);
    assertTrue(failed.startsWith("FAILED") && failed.contains("bad_key"), failed);
    assertEquals(State.FAILED, consumer.state());
    consumer.close();
    assertEquals(State.FAILED, consumer.state(), "final");
  }

  @Test
  void closingTheHatchetClosesEverySession() {
    Hatchet hatchet = fixture.hatchet();
    Consumer consumer = hatchet.consumer(APP, CONSUMER_KEY);
    Contributor contributor = hatchet.contributor(APP, CONTRIBUTOR_KEY);
    Await.get(consumer.ready());
    hatchet.close();
    Await.until(() -> consumer.state() == State.CLOSED && contributor.state() == State.CLOSED,
        "both closed");
  }
}
