package io.hatchet.hub;

import static io.hatchet.hub.Hostile.PROMPTLY;
import static io.hatchet.hub.Hostile.auth;
import static io.hatchet.hub.Hostile.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocatorMetric;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import okhttp3.OkHttpClient;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Frames an attacker writes by hand, byte for byte: the hub answers what it can read, closes
 * what it cannot, holds nothing an attacker sends it on credit, and goes on serving everyone
 * else meanwhile.
 */
class HostileInputTest {
  private final Hostile hostile = new Hostile();
  private final HatchetHub hub = hostile.hub;

  @AfterEach void tearDown() throws Exception {
    hostile.close();
  }

  // ---- 1. An ack id of 200,000 digits ----

  /**
   * {@code 42}, 200,000 digits, {@code ["ping",{}]} on four connections at once: the hub stops
   * reading a header long before its end (at 20 digits) and closes those connections, and a
   * healthy client gets its answers meanwhile.
   */
  @Test void anAckIdOf200000DigitsClosesTheConnectionAndOthersGoOn() throws Exception {
    WireSocket healthy = hostile.open();
    healthy.ping(1);
    StringBuilder digits = new StringBuilder(200_000);
    for (int i = 0; i < 200_000; i++) {
      digits.append((char) ('0' + (i + 1) % 10));
    }
    String attack = "42" + digits + "[\"ping\",{}]";
    List<WireSocket> attackers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      attackers.add(hostile.open());
    }
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<Object>> writes = new ArrayList<>();
    for (WireSocket attacker : attackers) {
      writes.add(Hostile.async("attacker", () -> {
        start.await();
        try {
          attacker.text(attack);
        } catch (IOException e) {
          // Reset before the frame was all out: the hub stopped reading it, as it should.
        }
        return null;
      }));
    }
    start.countDown();
    CompletableFuture.allOf(writes.toArray(new CompletableFuture<?>[0]))
        .get(RawClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);

    long begin = System.nanoTime();
    healthy.ping(2);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
    assertTrue(millis < 2_000, "the healthy client's ping took " + millis + " ms");
    for (WireSocket attacker : attackers) {
      attacker.assertClosedWithin(PROMPTLY, "an ack id of 200,000 digits");
    }
    healthy.ping(3);
  }

  // ---- 2. Ack ids ----

  /** Ack ids past 2^32, 2^53 and up to 2^63 − 1 are answered with the same digits. */
  @Test void largeAckIdsAreAnsweredWithTheirOwnDigits() throws Exception {
    WireSocket ws = hostile.open();
    ws.ping(4_294_967_296L);
    ws.ping(9_007_199_254_740_993L);
    ws.ping(Long.MAX_VALUE);
    ws.ping(0);
  }

  /** {@code 42-1[...]} is not a header: the hub closes the connection. */
  @Test void aNegativeAckIdClosesTheConnection() throws Exception {
    assertClosesTheConnection("42-1[\"ping\",{}]");
  }

  /** Opens a connection, sends {@code frame} and asserts the hub closes the connection. */
  private void assertClosesTheConnection(String frame) throws IOException {
    WireSocket ws = hostile.open();
    ws.text(frame);
    ws.assertClosedWithin(PROMPTLY, "after " + frame);
  }

  /** {@code 42/,12[...]} names the default namespace outright; it is answered {@code 4312[...]}. */
  @Test void theDefaultNamespaceNamedOutrightIsAnswered() throws Exception {
    WireSocket ws = hostile.open();
    ws.text("42/,12[\"ping\",{}]");
    String frame = ws.next();
    assertTrue(frame.startsWith("4312["), () -> "expected 4312[...], got " + frame);
    WireSocket.assertOk(12, new JSONArray(frame.substring(4)));
  }

  // ---- 3. A binary event that claims 2,000,000,000 attachments ----

  /**
   * A binary event claiming more attachments than any connection may send is refused with a
   * {@code hub-error} at once, and the connection closed before an attachment is read: the
   * 110 MiB of binary frames that follow are never held.
   *
   * <p>Memory is read from {@link PooledByteBufAllocator#DEFAULT}'s metric, direct and heap
   * together, sampled while the frames go out and until the connection is closed: that is where
   * Netty takes every buffer a channel reads into (the channel's default allocator), and it
   * counts the pools' chunks and the buffers too large for them alike. Netty's own counter,
   * {@code PlatformDependent.usedDirectMemory()}, counts only direct memory taken without a
   * cleaner, which a JDK 17 without {@code --add-opens} does not allow: there it answers -1.
   */
  @Test void aBinaryEventClaimingBillionsOfAttachmentsIsRefusedBeforeAnyIsRead()
      throws Exception {
    PooledByteBufAllocatorMetric metric = PooledByteBufAllocator.DEFAULT.metric();
    WireSocket ws = hostile.open();
    ws.ping(1);
    long before = metric.usedDirectMemory() + metric.usedHeapMemory();
    AtomicLong peak = new AtomicLong(before);
    AtomicBoolean attacking = new AtomicBoolean(true);
    CompletableFuture<Object> sampler = Hostile.async("sampler", () -> {
      while (attacking.get()) {
        peak.accumulateAndGet(metric.usedDirectMemory() + metric.usedHeapMemory(), Math::max);
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
      }
      return null;
    });
    CompletableFuture<List<WireSocket.Frame>> received =
        Hostile.async("reader", () -> framesUntilClosed(ws, Duration.ofSeconds(10)));

    ws.text("452000000000-[\"ping\",{\"_placeholder\":true,\"num\":0}]");
    byte[] attachment = new byte[1024 * 1024];
    int written = 0;
    try {
      for (; written < 110; written++) {
        ws.binary(attachment);
      }
    } catch (IOException e) {
      // The hub closed: what was to follow has nowhere to go.
    }
    List<WireSocket.Frame> frames = received.get(30, TimeUnit.SECONDS);
    attacking.set(false);
    sampler.get(RawClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);

    assertTrue(!frames.isEmpty() && frames.get(frames.size() - 1).closed(),
        () -> "the hub did not close the connection; it sent " + frames);
    assertTrue(frames.size() >= 2, () -> "no hub-error before the close: " + frames);
    String first = frames.get(0).text();
    assertTrue(first.startsWith("42[\"hub-error\","), () -> "expected a hub-error, got " + frames);
    assertEquals("bad_request", new JSONArray(first.substring(2)).getJSONObject(1)
        .getString("code"), () -> "hub-error " + first);
    long grown = peak.get() - before;
    long mib = 1024 * 1024;
    int sent = written;
    assertTrue(grown <= 8 * mib, () -> "the hub's Netty buffers grew by " + grown / mib
        + " MiB while " + sent + " frames of 1 MiB came in");
  }

  /** The frames the hub sends until it closes or {@code timeout} passes; Engine.IO pings aside. */
  private static List<WireSocket.Frame> framesUntilClosed(WireSocket ws, Duration timeout)
      throws IOException {
    List<WireSocket.Frame> frames = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() - deadline < 0) {
      WireSocket.Frame frame = ws.read(Duration.ofNanos(deadline - System.nanoTime()));
      if (frame == null) {
        break;
      }
      if (frame.opcode() == WireSocket.TEXT && frame.text().equals("2")) {
        continue;
      }
      frames.add(frame);
      if (frame.closed()) {
        break;
      }
    }
    return frames;
  }

  // ---- 5. Requests nobody would answer ----

  /** HTTP requests the polling transport cannot serve are answered, not left open. */
  @Test void malformedPollingRequestsAreAnswered() {
    OkHttpClient http = RawPolling.http(PROMPTLY);
    try {
      String base = RawPolling.base(hub);
      assertStatus(400, RawPolling.get(http, base + "&j=x"), "j=x (JSONP)");
      RawPolling.Answer b64 = RawPolling.get(http, base + "&b64=x");
      assertTrue(b64.answered() && b64.status() > 0, () -> "b64=x: " + b64);
      assertStatus(400, RawPolling.get(http, base + "&sid=%00%FF"), "sid=%00%FF");
      RawPolling.Answer longSid = RawPolling.get(http, base + "&sid=" + "s".repeat(10_000));
      // 414 URI Too Long is as honest an answer to a 10,000-character query.
      assertTrue(longSid.status() == 400 || longSid.status() == 414,
          () -> "a sid of 10,000 characters: " + longSid);
    } finally {
      RawPolling.shutdown(http);
    }
  }

  private static void assertStatus(int status, RawPolling.Answer answer, String what) {
    assertTrue(answer.answered(), () -> what + ": no answer within " + PROMPTLY.toSeconds()
        + " s");
    assertEquals(status, answer.status(), () -> what + ": " + answer);
  }

  /** A client's socket.io disconnect of the only namespace ends its connection. */
  @Test void aSocketIoDisconnectClosesTheConnection() throws Exception {
    assertClosesTheConnection("41");
  }

  /** An Engine.IO close packet from the client ends its connection. */
  @Test void anEngineIoCloseClosesTheConnection() throws Exception {
    assertClosesTheConnection("1");
  }

  // ---- Text the JSON reader may trip on ----

  /** A lone surrogate is no name: bad_request wherever a name stands, never internal. */
  @Test void aLoneSurrogateAsANameIsABadRequest() throws Exception {
    WireSocket ws = hostile.open();
    String lone = "\"\\ud800\"";
    ws.text(request(1, "auth", auth(lone, TestApps.CONSUMER_KEY)));
    assertAckError(ws, 1, "bad_request");
    ws.text("422[" + lone + ",{}]");
    assertAckError(ws, 2, "bad_request");

    ws.text(request(3, "auth", auth("\"c1\"", TestApps.CONSUMER_KEY)));
    WireSocket.assertOk(3, ws.ack(3));
    ws.text(request(4, "watch", "{\"session\":\"c1\",\"events\":[" + lone + "]}"));
    assertAckError(ws, 4, "bad_request");
    ws.text(request(5, "alias", "{\"session\":\"c1\",\"alias\":" + lone + "}"));
    assertAckError(ws, 5, "bad_request");
    ws.text(request(6, "auth", auth("\"k1\"", TestApps.CONTRIBUTOR_KEY)));
    WireSocket.assertOk(6, ws.ack(6));
    ws.text(request(7, "publish", "{\"session\":\"k1\",\"event\":" + lone + ",\"data\":1}"));
    assertAckError(ws, 7, "bad_request");
    ws.ping(8);
  }

  /** A number no decimal type holds, as data: bad_request, answered. */
  @Test void anUnreadableNumberAsDataIsABadRequest() throws Exception {
    WireSocket ws = hostile.open();
    ws.text(request(1, "auth", auth("\"k1\"", TestApps.CONTRIBUTOR_KEY)));
    WireSocket.assertOk(1, ws.ack(1));
    ws.text(request(2, "publish",
        "{\"session\":\"k1\",\"event\":\"log\",\"data\":1e99999999999}"));
    assertAckError(ws, 2, "bad_request");
    ws.ping(3);
  }

  /** The hub does not send an attacker's long name back: the answer stays under 1 KiB. */
  @Test void anUnknownEventIsNotEchoedBack() throws Exception {
    WireSocket ws = hostile.open();
    ws.text(request(1, "x".repeat(100_000), "{}"));
    String frame = ws.next();
    assertTrue(frame.length() < 1024, () -> "an answer of " + frame.length() + " characters: "
        + Hostile.shorten(frame));
    assertTrue(frame.startsWith("431["), () -> "expected ack 1, got " + Hostile.shorten(frame));
    RawClient.assertError("unknown_event", new JSONArray(frame.substring(3)).getJSONObject(0));
  }

  static void assertAckError(WireSocket ws, long id, String code) throws IOException {
    JSONArray args = ws.ack(id);
    assertEquals(1, args.length(), () -> "ack " + id + ": " + args);
    JSONObject answer = args.getJSONObject(0);
    RawClient.assertError(code, answer);
  }
}
