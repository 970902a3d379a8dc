package io.hatchet.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

/** The hand-written encoding of deliver packets, read back by a JSON parser. */
class DeliveryTest {
  private static Session session(String name) {
    return new Session(null, name, null, Credential.consumerToken("u"), "id");
  }

  private static JSONArray encode(Delivery... deliveries) {
    ByteBuf out = Unpooled.buffer();
    Delivery.writePacket(out, List.of(deliveries));
    String packet = out.toString(StandardCharsets.UTF_8);
    assertEquals("42", packet.substring(0, 2), "an Engine.IO message holding a socket.io EVENT");
    return new JSONArray(packet.substring(2));
  }

  private static Message message(String event, String dataJson) {
    return new Message(event, dataJson.getBytes(StandardCharsets.UTF_8), 0);
  }

  @Test void oneDeliveryForSeveralSessions() {
    Audience audience = new Audience.Builder(null)
        .add(session("c1"), 0).add(session("c3"), 14).build();
    JSONArray packet = encode(new Delivery(message("log", "{\"line\":100,\"file\":\"ben.txt\"}"),
        audience, 18));

    assertEquals(2, packet.length());
    assertEquals("deliver", packet.getString(0));
    JSONObject delivery = packet.getJSONObject(1);
    assertEquals("log", delivery.getString("event"));
    assertEquals(100, delivery.getJSONObject("data").getInt("line"));
    assertEquals("[\"c1\",\"c3\"]", delivery.getJSONArray("sessions").toString());
    assertEquals("[18,4]", delivery.getJSONArray("seqs").toString());
  }

  @Test void namesThatNeedEscapingStayWhatTheyWere() {
    String event = "quote\" backslash\\ newline\n tab\t \u0001 é 😀";
    String name = "s\"1\\\u2028";
    JSONObject delivery = encode(new Delivery(message(event, "\"ünïcode\""),
        Audience.of(session(name), 0), 1)).getJSONObject(1);

    assertEquals(event, delivery.getString("event"));
    assertEquals(name, delivery.getJSONArray("sessions").getString(0));
    assertEquals("ünïcode", delivery.getString("data"));
  }

  @Test void membersThatJoinedTogetherShareOneNumber() {
    for (int count : new int[] {1, 2, 3, 7, 64, 1000}) {
      Audience.Builder builder = new Audience.Builder(null);
      for (int i = 0; i < count; i++) {
        builder.add(session("s" + i), 5);
      }
      JSONObject delivery = encode(new Delivery(message("e", "1"), builder.build(), 123_461))
          .getJSONObject(1);

      assertEquals(count, delivery.getJSONArray("sessions").length());
      JSONArray seqs = delivery.getJSONArray("seqs");
      assertEquals(count, seqs.length(), "one number per session");
      for (int i = 0; i < count; i++) {
        assertEquals("s" + i, delivery.getJSONArray("sessions").getString(i));
        assertEquals(123_456, seqs.getLong(i));
      }
    }
  }

  @Test void severalDeliveriesInOrderWithAnyNumbers() {
    long[] numbers = {0, 1, 9, 10, 99, 100, 12345, Long.MAX_VALUE};
    Delivery[] deliveries = new Delivery[numbers.length];
    for (int i = 0; i < numbers.length; i++) {
      deliveries[i] = new Delivery(message("e" + i, "[" + i + "]"), Audience.of(session("c"), 0),
          numbers[i]);
    }
    JSONArray packet = encode(deliveries);

    assertEquals(numbers.length + 1, packet.length());
    for (int i = 0; i < numbers.length; i++) {
      JSONObject delivery = packet.getJSONObject(i + 1);
      assertEquals("e" + i, delivery.getString("event"));
      assertEquals(i, delivery.getJSONArray("data").getInt(0));
      assertEquals(numbers[i], delivery.getJSONArray("seqs").getLong(0));
    }
  }
}
