package io.hatchet.hub;

import static io.hatchet.hub.RawClient.assertOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Consumers that disconnect and resume again and again while publishers never stop: what each
 * receives, replayed or live, is every event once, each publisher's in publish order, numbered
 * without a gap.
 */
class ResumeRaceTest {
  /** Each publisher publishes at least this many, and goes on until the cycles are done. */
  private static final int EVENTS = 1000;
  private static final int PUBLISHERS = 2;
  private static final int CYCLES = 20;
  private static final int IN_FLIGHT = 16;
  /**
   * How far the publishers may run ahead of consumer x, so that they keep publishing through
   * its reconnects without burying it.
   */
  private static final int LEAD = 400;
  /** Two consumer ids on one connection: one deliver numbers the event for each. */
  private static final String[] IDS = {"x", "y"};

  private HatchetHub hub;
  private final ExecutorService publisherThreads = Executors.newFixedThreadPool(PUBLISHERS);
  private final AtomicBoolean stop = new AtomicBoolean();
  private final Semaphore credits = new Semaphore(LEAD);
  private final List<Future<Integer>> publishing = new ArrayList<>();
  /** Per consumer id: the last number it got. */
  private final long[] last = new long[IDS.length];
  /** Per consumer id and publisher: the last event index it got. */
  private final long[][] lastData = new long[IDS.length][PUBLISHERS];

  @BeforeEach void setUp() {
    // Room for everything: a resume must always recover here.
    hub = HatchetHub.builder().app(TestApps.demo())
        .recoveryWindow(1_000_000, Duration.ofMinutes(1)).start();
    for (long[] row : lastData) {
      Arrays.fill(row, -1);
    }
  }

  @AfterEach void tearDown() {
    stop.set(true);
    publisherThreads.shutdownNow();
    hub.close();
  }

  @Test void replayAndLiveEventsInterleaveWithoutGapDuplicateOrReordering() throws Exception {
    RawClient consumer = connectConsumers(0, false);
    List<RawEngineIo> publishers = new ArrayList<>();
    try {
      for (int p = 0; p < PUBLISHERS; p++) {
        // Bare WebSockets: socket.io-client-java runs every client on one event thread, which
        // busy publishers would leave the consumers little of.
        RawEngineIo publisher = new RawEngineIo(hub.url());
        publishers.add(publisher);
        publisher.send("420[\"auth\",{\"v\":1,\"session\":\"k1\",\"app\":\"demo\",\"key\":\""
            + TestApps.CONTRIBUTOR_KEY + "\"}]");
        assertOk(publisher.ack(0).getJSONObject(0));
        int tag = p;
        publishing.add(publisherThreads.submit(() -> publishAll(publisher, tag)));
      }

      for (int cycle = 1; cycle <= CYCLES; cycle++) {
        // Take some events, drop the connection, come back resuming after the last ones.
        receive(consumer, last[0] + 1 + cycle * 37 % 100, 0);
        consumer.close();
        consumer = connectConsumers(cycle, true);
      }
      stop.set(true);
      credits.release(PUBLISHERS * EVENTS); // the rest need not wait for the consumer
      int published = 0;
      for (Future<Integer> count : publishing) {
        published += count.get(RawClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
      }
      receive(consumer, published, published);
      assertEquals(published, last[0]);
      assertEquals(published, last[1]);
      RawClient lastConsumer = consumer;
      assertTrue(lastConsumer.delivers.isEmpty(), () -> "more: " + lastConsumer.delivers);
    } finally {
      stop.set(true);
      consumer.close();
      publishers.forEach(RawEngineIo::close);
    }
  }

  /**
   * A connection with sessions {@code x<cycle>} and {@code y<cycle>} for consumer ids x and y,
   * resuming after the last numbers they got if {@code resume}.
   */
  private RawClient connectConsumers(int cycle, boolean resume) throws Exception {
    RawClient consumer = RawClient.connect(hub.url());
    for (int i = 0; i < IDS.length; i++) {
      String id = IDS[i];
      JSONObject answer =
          RecoveryTest.resume(consumer, id + cycle, id, resume ? last[i] : null, "tick");
      assertEquals(resume, answer.optBoolean("recovered"), answer::toString);
      assertTrue(answer.getLong("seq") >= last[i], answer::toString);
    }
    return consumer;
  }

  /**
   * Takes delivers until x got number {@code xUpTo} and y {@code yUpTo}, checking that each
   * number is the one after the last its consumer got, and each publisher's events come in
   * the order they were published.
   */
  private void receive(RawClient consumer, long xUpTo, long yUpTo) throws Exception {
    while (last[0] < xUpTo || last[1] < yUpTo) {
      JSONObject deliver = consumer.delivers.poll(RawClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (deliver == null) {
        for (Future<Integer> publisher : publishing) {
          if (publisher.isDone()) {
            publisher.get(); // throws what stopped it, if anything did
          }
        }
      }
      assertNotNull(deliver, "nothing after " + last[0] + ", " + last[1]);
      String[] data = deliver.getString("data").split(":");
      int tag = Integer.parseInt(data[0]);
      long index = Long.parseLong(data[1]);
      JSONArray sessions = deliver.getJSONArray("sessions");
      for (int j = 0; j < sessions.length(); j++) {
        int i = sessions.getString(j).startsWith(IDS[0]) ? 0 : 1;
        long seq = deliver.getJSONArray("seqs").getLong(j);
        long expected = last[i] + 1;
        assertEquals(expected, seq, () -> IDS[i] + " after " + (expected - 1) + ": " + deliver);
        long expectedIndex = lastData[i][tag] + 1;
        assertEquals(expectedIndex, index,
            () -> IDS[i] + ", publisher " + tag + " after " + (expectedIndex - 1) + ": " + deliver);
        last[i] = seq;
        lastData[i][tag] = index;
        if (i == 0) {
          credits.release();
        }
      }
    }
  }

  /**
   * Publishes {@code "<tag>:0"}, {@code "<tag>:1"}, ..., a few in flight at a time, until told
   * to stop and at least {@link #EVENTS} are out; returns how many.
   */
  private int publishAll(RawEngineIo publisher, int tag) throws Exception {
    int count = 0;
    while (count < EVENTS || !stop.get()) {
      int first = count;
      assertTrue(credits.tryAcquire(IN_FLIGHT, RawClient.TIMEOUT_SECONDS, TimeUnit.SECONDS),
          "the consumer fell behind");
      for (int i = 0; i < IN_FLIGHT; i++, count++) {
        publisher.send("42" + (first + i + 1) + "[\"publish\",{\"session\":\"k1\","
            + "\"event\":\"tick\",\"data\":\"" + tag + ":" + count + "\"}]");
      }
      // Answered in order; every publish reaches both consumer ids, connected or not.
      for (int i = 0; i < IN_FLIGHT; i++) {
        JSONObject answer = publisher.ack(first + i + 1).getJSONObject(0);
        assertOk(answer);
        assertEquals(IDS.length, answer.getInt("routed"), answer::toString);
      }
    }
    return count;
  }
}
