package io.hatchet.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatchet.Await;
import io.hatchet.Consumer;
import io.hatchet.Contributor;
import io.hatchet.Hatchet;
import io.hatchet.Seed;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

/**
 * Over 10,000 hostile frames, over WebSocket and as long-polling POST bodies (see
 * {@link FuzzFrames}), from attackers that reconnect whenever the hub closes them. After each
 * frame an attacker asks a {@code ping} and reads until its answer: the hub must answer it or
 * close the connection promptly, and no answer nor {@code hub-error} it sends to an attacker may
 * be {@code internal}. Meanwhile a consumer and a contributor of the Java client, in an app of
 * their own, exchange events; every one published is delivered exactly once.
 *
 * <p>The frames follow a seed: {@code -Dhatchet.seed=N} replays them (each attacker draws from a
 * generator of its own); a failure names its seed. Thread timing is not replayed.
 */
class HubFuzzTest {
  private static final int WEBSOCKET_ATTACKERS = 4;
  private static final int FRAMES_PER_WEBSOCKET = 2_250;
  private static final int POLLING_ATTACKERS = 2;
  private static final int FRAMES_PER_POLLING = 600;
  private static final int MIN_FRAMES = 10_000;
  /**
   * An upper bound: the attackers stop when their frames are sent, usually well within it. A
   * bound that a loaded host could reach would fail the test for the host's sake.
   */
  private static final Duration ATTACK_TIME = Duration.ofSeconds(120);
  private static final String HEALTHY_CONSUMER_KEY = "healthy-consumer-Vb41";
  private static final String HEALTHY_CONTRIBUTOR_KEY = "healthy-contributor-Mq07";
  /**
   * Fence pings use ids of their own, above most of the fuzz's and below 2^31: the fence must
   * work on a hub that gets large ids wrong (the fuzz tries those itself).
   */
  private static final long FENCE_IDS = 1_000_000_000L;

  private final Queue<String> violations = new ConcurrentLinkedQueue<>();
  private final AtomicInteger framesSent = new AtomicInteger();
  private final AtomicInteger reconnects = new AtomicInteger();
  private final AtomicLong fences = new AtomicLong(FENCE_IDS);

  @Test void hostileFramesHarmNobody() {
    Seed seed = Seed.fromProperty();
    seed.run(() -> fuzz(seed));
  }

  private void fuzz(Seed seed) throws Exception {
    App healthyApp = App.named("healthy").consumerKey(HEALTHY_CONSUMER_KEY)
        .contributorKey(HEALTHY_CONTRIBUTOR_KEY);
    try (Hostile hostile = new Hostile(HatchetHub.builder().app(healthyApp))) {
      HatchetHub hub = hostile.hub;
      Healthy healthy = new Healthy(hostile);
      Random master = new Random(seed.value());
      String[] credentials = {TestApps.CONSUMER_KEY, TestApps.CONTRIBUTOR_KEY,
          TestApps.LOG_CONSUMER_KEY, TestTokens.producerToken(), TestTokens.consumerToken("u1"),
          "not-a-key", "a.b.c", ""};
      long deadline = System.nanoTime() + ATTACK_TIME.toNanos();
      List<CompletableFuture<Object>> attackers = new ArrayList<>();
      for (int i = 0; i < WEBSOCKET_ATTACKERS; i++) {
        FuzzFrames frames = new FuzzFrames(new Random(master.nextLong()), credentials);
        String name = "ws-" + i;
        attackers.add(Hostile.async("fuzz-" + name,
            () -> attackOverWebSocket(hub, frames, name, deadline)));
      }
      for (int i = 0; i < POLLING_ATTACKERS; i++) {
        FuzzFrames frames = new FuzzFrames(new Random(master.nextLong()), credentials);
        String name = "polling-" + i;
        attackers.add(Hostile.async("fuzz-" + name,
            () -> attackOverPolling(hub, frames, name, deadline)));
      }
      for (CompletableFuture<Object> attacker : attackers) {
        attacker.get(ATTACK_TIME.toSeconds() + 30, TimeUnit.SECONDS);
      }
      healthy.stop();
      assertTrue(violations.isEmpty(), () -> seed.say(violations.size() + " violations, first "
          + String.join("\n", violations.stream().limit(5).toList())));
      assertTrue(framesSent.get() >= MIN_FRAMES, () -> seed.say("only " + framesSent.get()
          + " frames in " + ATTACK_TIME.toSeconds() + " s (" + reconnects.get()
          + " reconnects)"));
      healthy.assertEachDeliveredOnce(seed);
    }
  }

  // ---- Attackers ----

  /** One connection of an attacker. */
  private interface Link extends AutoCloseable {
    /** Sends fuzz frame {@code i}, then fences; false once the hub has closed the connection. */
    boolean attack(int i) throws IOException;

    @Override void close();
  }

  /** Sends {@code frames} frames over links from {@code connect}, a new one after each close. */
  private Object attack(int frames, long deadline, Callable<Link> connect) throws Exception {
    Link link = null;
    try {
      for (int i = 0; i < frames && running(deadline); i++) {
        if (link == null) {
          link = connect.call();
          reconnects.incrementAndGet();
        }
        if (!link.attack(i)) {
          link.close();
          link = null;
        }
      }
      return null;
    } finally {
      if (link != null) {
        link.close();
      }
    }
  }

  private Object attackOverWebSocket(HatchetHub hub, FuzzFrames frames, String name,
      long deadline) throws Exception {
    return attack(FRAMES_PER_WEBSOCKET, deadline, () -> {
      WireSocket ws = WireSocket.open(hub);
      return new Link() {
        @Override public boolean attack(int i) {
          FuzzFrames.Fuzz frame = frames.next();
          String what = name + " frame " + i + " " + frame;
          try {
            if (frame.binary()) {
              ws.binary(frame.bytes());
            } else {
              ws.text(frame.bytes());
            }
            framesSent.incrementAndGet();
            return ws.alive(fences.incrementAndGet(), answer -> check(answer, what));
          } catch (IOException e) {
            return false; // reset by the hub
          } catch (AssertionError e) {
            violations.add(what + ": " + e.getMessage());
            return false;
          }
        }

        @Override public void close() {
          ws.close();
        }
      };
    });
  }

  private Object attackOverPolling(HatchetHub hub, FuzzFrames frames, String name,
      long deadline) throws Exception {
    return attack(FRAMES_PER_POLLING, deadline, () -> {
      RawPolling polling = RawPolling.open(hub, Hostile.PROMPTLY);
      return new Link() {
        @Override public boolean attack(int i) {
          byte[] body = frames.pollingBody();
          String what = name + " POST " + i + " " + new FuzzFrames.Fuzz(body, false);
          RawPolling.Answer posted = polling.post(body);
          framesSent.incrementAndGet();
          if (!posted.answered() || posted.status() >= 500) {
            violations.add(what + ": answered " + posted);
          }
          return pollingAlive(polling, what);
        }

        @Override public void close() {
          polling.close();
        }
      };
    });
  }

  /**
   * Posts a ping and polls until its answer (true) or until the hub says the session is gone
   * (false), checking every packet on the way.
   */
  private boolean pollingAlive(RawPolling polling, String what) {
    long id = fences.incrementAndGet();
    RawPolling.Answer posted = polling.post(Hostile.request(id, "ping", "{}"));
    if (posted.status() != 200) {
      return false;
    }
    long until = System.nanoTime() + Hostile.PROMPTLY.toNanos();
    while (System.nanoTime() - until < 0) {
      RawPolling.Answer answer = polling.get();
      if (answer.status() != 200) {
        if (!answer.answered()) {
          violations.add(what + ": a GET had no answer within " + Hostile.PROMPTLY.toSeconds()
              + " s");
        }
        return false;
      }
      for (String packet : answer.body().split(RawPolling.SEPARATOR)) {
        if (packet.equals("2")) {
          polling.post("3");
        } else if (packet.startsWith("43" + id + "[")) {
          return true;
        } else if (packet.equals("1") || packet.startsWith("41")) {
          return false;
        } else {
          check(packet, what);
        }
      }
    }
    violations.add(what + ": the hub neither answered a ping nor closed the session");
    return false;
  }

  private boolean running(long deadline) {
    return violations.isEmpty() && System.nanoTime() - deadline < 0;
  }

  /** Records a violation if {@code packet} is an answer or hub-error of code internal. */
  private void check(String packet, String what) {
    String code;
    try {
      code = errorCode(packet);
    } catch (JSONException e) {
      violations.add(what + ": an answer that cannot be read: " + Hostile.shorten(packet));
      return;
    }
    if ("internal".equals(code)) {
      violations.add(what + ": answered internal: " + Hostile.shorten(packet));
    }
  }

  /** The error code of an ack or of a hub-error, or null for anything else. */
  private static String errorCode(String packet) {
    if (packet.startsWith("43")) {
      int at = 2;
      if (packet.startsWith("/", at)) {
        at = packet.indexOf(',', at) + 1;
      }
      while (at < packet.length() && Character.isDigit(packet.charAt(at))) {
        at++;
      }
      JSONArray args = new JSONArray(packet.substring(at));
      return args.length() > 0 && args.get(0) instanceof JSONObject answer
          ? answer.optJSONObject("error", new JSONObject()).optString("code", null) : null;
    }
    if (packet.startsWith("42[\"hub-error\"")) {
      return new JSONArray(packet.substring(2)).getJSONObject(1).optString("code", null);
    }
    return null;
  }

  // ---- The healthy pair ----

  /**
   * A consumer and a contributor of the Java client on connections of their own, in an app the
   * attackers have no key of: the contributor publishes numbered events one after the other
   * until stopped, and the consumer counts each number it receives.
   */
  private static final class Healthy {
    private static final int MAX_EVENTS = 100_000;
    private final AtomicIntegerArray received = new AtomicIntegerArray(MAX_EVENTS);
    private final AtomicInteger receivedCount = new AtomicInteger();
    private final CompletableFuture<Void> fence = new CompletableFuture<>();
    private final AtomicBoolean publishing = new AtomicBoolean(true);
    private final Contributor contributor;
    private final CompletableFuture<Integer> published;

    Healthy(Hostile hostile) {
      Consumer consumer = hostile.track(hatchet(hostile.hub)).consumer("healthy",
          HEALTHY_CONSUMER_KEY);
      Await.get(consumer.watch("beat", data -> {
        received.incrementAndGet(data.getAsInt());
        receivedCount.incrementAndGet();
      }));
      Await.get(consumer.watch("fence", data -> fence.complete(null)));
      contributor = hostile.track(hatchet(hostile.hub)).contributor("healthy",
          HEALTHY_CONTRIBUTOR_KEY);
      Await.get(contributor.ready());
      published = Hostile.async("healthy-contributor", this::publish);
    }

    private static Hatchet hatchet(HatchetHub hub) {
      return Hatchet.builder(hub.url())
          .reconnectDelay(Duration.ofMillis(20), Duration.ofMillis(200))
          .build();
    }

    /** Publishes 0, 1, 2, ... each after the answer to the one before; returns how many. */
    private int publish() throws Exception {
      int n = 0;
      while (publishing.get() && n < MAX_EVENTS) {
        int routed = contributor.broadcast("beat", n).get(Await.SECONDS, TimeUnit.SECONDS);
        assertEquals(1, routed, "event " + n + " was routed to " + routed + " consumers");
        n++;
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
      }
      return n;
    }

    void stop() {
      publishing.set(false);
    }

    /** After the fence, which the consumer gets after any duplicate, each event came once. */
    void assertEachDeliveredOnce(Seed seed) throws Exception {
      int sent = published.get(Await.SECONDS, TimeUnit.SECONDS);
      assertTrue(sent > 0, seed.say("the healthy contributor published nothing"));
      Await.get(contributor.broadcast("fence", true));
      Await.get(fence);
      for (int i = 0; i < sent; i++) {
        int times = received.get(i);
        int event = i;
        assertEquals(1, times, () -> seed.say("event " + event + " of " + sent
            + " delivered " + times + " times"));
      }
      assertEquals(sent, receivedCount.get(), seed.say("events received"));
    }
  }
}
