package io.hatchet.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * What every workload sends, on every stack: one small JSON event of about 100 bytes, with a
 * sequence number and {@code t}, a {@link #now()} stamp (nanoTime from a fixed origin). Publishers and consumers live
 * in the same load-generator process, so that clock is shared by both ends of every measurement
 * and no cross-process clock is ever compared.
 */
final class Payload {
  static final String APP = "bench";
  static final String CONSUMER_KEY = "bench-consumer-key-I6mMbTSOq4rCdM";
  static final String CONTRIBUTOR_KEY = "bench-contributor-key-iYkrswPZVIrUMv";

  /** The event's fields after seq and t; with them the JSON is about 100 bytes. */
  static final String USER = "frederick";
  static final String ACTION = "signup";
  static final String PAGE = "/pricing/enterprise";

  /** The Java shape of the payload, for Gson (hatchet's client). Field order as in JSON. */
  record Event(long seq, long t, String user, String action, String page) {}

  /** The process's clock origin: stamps are positive and 13 digits long, whatever nanoTime is. */
  private static final long ORIGIN = System.nanoTime() - 1_000_000_000_000L;

  private Payload() {}

  /** Now, on the clock of {@code t}: nanoseconds, shared by every thread of this process. */
  static long now() {
    return System.nanoTime() - ORIGIN;
  }

  static Event event(long seq, long t) {
    return new Event(seq, t, USER, ACTION, PAGE);
  }

  /** The payload as JSON text, as Gson writes {@link Event}. */
  static String json(long seq, long t) {
    return "{\"seq\":" + seq + ",\"t\":" + t + ",\"user\":\"" + USER + "\",\"action\":\""
        + ACTION + "\",\"page\":\"" + PAGE + "\"}";
  }

  /** A raw publish frame (hatchet's protocol) with acknowledgement id {@code ackId}. */
  static String publishFrame(long ackId, String event, long seq, long t) {
    return "42" + ackId + "[\"publish\",{\"session\":\"k1\",\"event\":\"" + event
        + "\",\"data\":" + json(seq, t) + "}]";
  }

  /** Setup requests of a raw consumer watching {@code event}: auth, then watch. */
  static List<String[]> consumerSetup(String event) {
    List<String[]> setup = new ArrayList<>();
    setup.add(new String[] {"auth", "{\"v\":1,\"session\":\"c1\",\"app\":\"" + APP
        + "\",\"key\":\"" + CONSUMER_KEY + "\",\"role\":\"consumer\"}"});
    setup.add(new String[] {"watch", "{\"session\":\"c1\",\"events\":[\"" + event + "\"]}"});
    return setup;
  }

  /** Setup requests of a raw contributor: auth as session {@code k1}. */
  static List<String[]> contributorSetup() {
    List<String[]> setup = new ArrayList<>();
    setup.add(new String[] {"auth", "{\"v\":1,\"session\":\"k1\",\"app\":\"" + APP
        + "\",\"key\":\"" + CONTRIBUTOR_KEY + "\",\"role\":\"contributor\"}"});
    return setup;
  }
}
