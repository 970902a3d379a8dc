package io.hatchet.hub;

import static io.hatchet.hub.RawClient.assertError;
import static io.hatchet.hub.RawClient.assertOk;
import static io.hatchet.hub.RawClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** publish: answers, error codes, and data arriving as it was sent. */
class PublishTest {
  private static final int LIMIT = 1000;

  private final HubClients clients = new HubClients();
  private RawClient consumer;
  private RawClient contributor;

  @BeforeEach void setUp() throws Exception {
    consumer = clients.startHub(HatchetHub.builder().app(TestApps.demo()).maxMessageBytes(LIMIT))
        .connect();
    consumer.consumer("c1", "log", "signup");
    contributor = clients.contributor("k1");
  }

  @AfterEach void tearDown() {
    clients.close();
  }

  private JSONObject publish(Object data) throws Exception {
    return contributor.call("publish", json("session", "k1", "event", "log", "data", data));
  }

  @Test void publishDeliversDataAsSent() throws Exception {
    JSONObject data = new JSONObject("{\"line\":100,\"file\":\"ben.txt\",\"ok\":true,"
        + "\"price\":1.10,\"big\":123456789012345678901234567890,\"list\":[1,\"two\",null],"
        + "\"text\":\"zwölf 🪓 \\\"quoted\\\"\"}");
    JSONObject answer = publish(data);

    assertOk(answer);
    assertEquals(1, answer.getInt("routed"));
    JSONObject deliver = consumer.nextDeliver();
    assertEquals("log", deliver.getString("event"));
    assertEquals("[\"c1\"]", deliver.getJSONArray("sessions").toString());
    assertTrue(data.similar(deliver.getJSONObject("data")), () -> "got " + deliver);
  }

  /**
   * Numbers keep their text, whatever it is (exponents of either case and sign, negative zeros,
   * trailing zeros); strings, escaped the hub's way, their characters.
   */
  @Test void dataReachesConsumersByteForByte() throws Exception {
    String data = "{\"price\":1.10,\"huge\":1e400,\"tiny\":-2.50E-400,\"zero\":-0.0,"
        + "\"js\":[1e+21,-0,1.5e-7,1E21,0.1e-0,-0e0,100],"
        + "\"big\":123456789012345678901234567890,\"list\":[1,[],{},null,true,false],"
        + "\"text\":\"zwölf 🪓 \\\"q\\\" \\\\ \\n\\t \\u0001 \\u2028\"}";
    String url = clients.hub().url();
    try (RawEngineIo reader = new RawEngineIo(url); RawEngineIo writer = new RawEngineIo(url)) {
      reader.authOk(1, "c9", TestApps.CONSUMER_KEY);
      assertOk(reader.call(2, "watch", "{\"session\":\"c9\",\"events\":[\"log\"]}"));
      writer.authOk(1, "k9", TestApps.CONTRIBUTOR_KEY);
      assertOk(writer.call(2, "publish",
          "{\"session\":\"k9\",\"event\":\"log\",\"data\":" + data + "}"));

      String frame = reader.next();
      String expected =
          "42[\"deliver\",{\"event\":\"log\",\"data\":" + data + ",\"sessions\":[\"c9\"]";
      assertTrue(frame.startsWith(expected), () -> "got " + frame);
    }
  }

  @Test void anyJsonValueIsData() throws Exception {
    Object[] values = {JSONObject.NULL, 42, "text", new JSONArray("[1,[2],{}]"), false, 2.5};
    for (Object value : values) {
      assertOk(publish(value));
      Object received = consumer.nextDeliver().get("data");
      assertEquals(String.valueOf(value), String.valueOf(received));
    }
  }

  @Test void dataAtTheLimitPassesAndOneByteMoreIsTooLarge() throws Exception {
    String atLimit = "x".repeat(LIMIT - 2); // the quotes count too
    assertOk(publish(atLimit));
    assertEquals(atLimit, consumer.nextDeliver().getString("data"));

    JSONObject answer = publish(atLimit + "y");
    assertError("too_large", answer);
    // Multi-byte characters count as UTF-8 bytes, not characters.
    assertError("too_large", publish("ö".repeat(LIMIT / 2)));

    // The connection stays usable.
    assertOk(publish("small"));
    assertEquals("small", consumer.nextDeliver().getString("data"));
    assertTrue(contributor.connected());
  }

  @Test void hugeDataIsTooLargeAndConnectionSurvives() throws Exception {
    try (HatchetHub defaultHub = TestApps.startHub();
        RawClient client = RawClient.connect(defaultHub.url())) {
      client.authOk("k1", TestApps.CONTRIBUTOR_KEY);
      String huge = "h".repeat(1_048_576 + 100);

      assertError("too_large",
          client.call("publish", json("session", "k1", "event", "log", "data", huge)));
      assertOk(client.call("publish", json("session", "k1", "event", "log", "data", 1)));
    }
  }

  @Test void consumerMayNotPublish() throws Exception {
    assertError("not_permitted",
        consumer.call("publish", json("session", "c1", "event", "log", "data", 1)));
  }

  @Test void keyLimitedToEventsMayPublishOnlyThose() throws Exception {
    contributor.authOk("k2", TestApps.SIGNUP_CONTRIBUTOR_KEY);

    assertOk(contributor.call("publish", json("session", "k2", "event", "signup", "data", 1)));
    JSONObject refused =
        contributor.call("publish", json("session", "k2", "event", "deploy", "data", 1));
    assertError("not_permitted", refused);
    assertEquals("key of app 'demo' may not publish 'deploy'",
        refused.getJSONObject("error").getString("message"));
  }

  @Test void malformedPublishIsBadRequest() throws Exception {
    assertError("bad_request", contributor.call("publish", json("session", "k1", "event", "log")));
    assertError("bad_request", contributor.call("publish", json("session", "k1", "data", 1)));
    assertError("bad_request",
        contributor.call("publish", json("session", "k1", "event", 5, "data", 1)));
    assertError("bad_request",
        contributor.call("publish", json("session", "k1", "event", "", "data", 1)));
    assertError("bad_request", contributor.call("publish",
        json("session", "k1", "event", "e".repeat(257), "data", 1)));
    assertError("bad_request", contributor.call("publish",
        json("session", "k1", "event", "log", "data", 1, "to", new Object[0])));
    assertError("bad_request", contributor.call("publish",
        json("session", "k1", "event", "log", "data", 1, "to", "frederick")));
    assertError("bad_request", contributor.call("publish",
        json("session", "k1", "event", "log", "data", 1, "to", null)));
    assertError("bad_request", contributor.call("publish",
        json("session", "k1", "event", "log", "data", 1, "to", new Object[] {"a", 2})));
    assertError("bad_request", contributor.call("publish",
        json("event", "log", "data", 1)));
  }

  @Test void publishWithoutAckSucceedsSilentlyAndFailsWithHubError() throws Exception {
    contributor.send("publish", json("session", "k1", "event", "log", "data", "silent"));
    assertEquals("silent", consumer.nextDeliver().getString("data"));

    contributor.send("publish", json("session", "k1", "event", "log", "data", "x".repeat(2000)));
    JSONObject error = contributor.nextHubError();
    assertEquals("publish", error.getString("request"));
    assertEquals("k1", error.getString("session"));
    assertEquals("too_large", error.getString("code"));
    assertTrue(error.getString("message").length() > 0);

    // The first hub-error is the only one: the silent success sent none.
    assertOk(publish("after"));
    assertEquals("after", consumer.nextDeliver().getString("data"));
    assertTrue(contributor.hubErrors.isEmpty());
  }
}
