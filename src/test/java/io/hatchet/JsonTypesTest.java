package io.hatchet;

import static io.hatchet.HubFixture.APP;
import static io.hatchet.HubFixture.CONSUMER_KEY;
import static io.hatchet.HubFixture.CONTRIBUTOR_KEY;
import static io.hatchet.Queues.poll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonSerializer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/*
 * Why: the default Gson could not encode an Instant ("Failed making field
 * 'java.time.Instant#seconds' accessible"), alone or in a record, and sent an anonymous class or
 * a lambda as null while the future completed ok.
 */
/**
 * The default Gson sends and decodes java.time types as ISO-8601 strings; data Gson would send
 * as null by accident is refused at the call; a user's own Gson is used as it is.
 */
class JsonTypesTest {
  private final HubFixture fixture = new HubFixture();

  @AfterEach
  void close() {
    fixture.close();
  }

  record Times(Instant at, LocalDate day, LocalTime time, LocalDateTime local,
      OffsetDateTime offset, ZonedDateTime zoned, Duration took, ZoneId zone) {}

  private static final Times TIMES = new Times(
      Instant.parse("2026-03-01T12:30:05.123Z"),
      LocalDate.of(2026, 3, 1),
      LocalTime.of(12, 30, 5),
      LocalDateTime.of(2026, 3, 1, 12, 30),
      OffsetDateTime.of(2026, 3, 1, 12, 30, 0, 0, ZoneOffset.ofHours(2)),
      ZonedDateTime.of(2026, 3, 1, 12, 30, 0, 0, ZoneId.of("Europe/Paris")),
      Duration.ofMillis(1_500),
      ZoneId.of("America/New_York"));

  @Test void javaTimeTypesTravelAsIsoStringsAndDecodeBack() {
    Hatchet hatchet = fixture.hatchet();
    Consumer consumer = hatchet.consumer(APP, CONSUMER_KEY);
    BlockingQueue<Times> typed = new LinkedBlockingQueue<>();
    BlockingQueue<JsonElement> raw = new LinkedBlockingQueue<>();
    Await.get(consumer.watch("times", Times.class, typed::add));
    Await.get(consumer.watch("times", raw::add));
    Contributor contributor = hatchet.contributor(APP, CONTRIBUTOR_KEY);

    assertEquals(1, Await.get(contributor.broadcast("times", TIMES)));
    assertEquals(TIMES, poll(typed));
    JsonObject json = poll(raw).getAsJsonObject();
    assertEquals("2026-03-01T12:30:05.123Z", json.get("at").getAsString());
    assertEquals("2026-03-01", json.get("day").getAsString());
    assertEquals("12:30:05", json.get("time").getAsString());
    assertEquals("2026-03-01T12:30", json.get("local").getAsString());
    assertEquals("2026-03-01T12:30+02:00", json.get("offset").getAsString());
    assertEquals("2026-03-01T12:30+01:00[Europe/Paris]", json.get("zoned").getAsString());
    assertEquals("PT1.5S", json.get("took").getAsString());
    assertEquals("America/New_York", json.get("zone").getAsString());

    // Alone, too.
    Await.get(contributor.broadcast("times", TIMES.at()));
    assertEquals(new JsonPrimitive("2026-03-01T12:30:05.123Z"), poll(raw));
  }

  @Test void aStringThatIsNotIsoIsADecodingErrorThatSaysSo() {
    BlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();
    Hatchet hatchet = fixture.track(Hatchet.builder(fixture.hub.url())
        .listener(new HatchetListener() {
          @Override public void onCallbackError(String app, String event, Throwable error) {
            errors.add(error);
          }
        })
        .build());
    Consumer consumer = hatchet.consumer(APP, CONSUMER_KEY);
    Await.get(consumer.watch("times", Times.class, times -> {}));
    Await.get(hatchet.contributor(APP, CONTRIBUTOR_KEY)
        .broadcast("times", Map.of("at", "yesterday")));
    Throwable error = poll(errors);
    assertTrue(String.valueOf(error.getMessage()).contains("not an ISO-8601 Instant: "
        + "\"yesterday\""), String.valueOf(error));
  }

  @Test void whatGsonWouldSendAsNullIsRefusedAtTheCall() {
    Contributor contributor = fixture.hatchet().contributor(APP, CONTRIBUTOR_KEY);
    Object anonymous = new Object() {
      @SuppressWarnings("unused") final int line = 100;
    };
    class Local {
      @SuppressWarnings("unused") final int line = 100;
    }
    Supplier<String> lambda = () -> "line";
    for (Object data : new Object[] {anonymous, new Local(), lambda}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> contributor.broadcast("log", data), data + " was accepted, and sent as null");
      assertTrue(e.getMessage().contains("would be sent as null or {}"), e.getMessage());
    }
  }

  @Test void aUsersOwnGsonWins() {
    Gson gson = new GsonBuilder()
        .registerTypeAdapter(Instant.class,
            (JsonSerializer<Instant>) (at, type, context) -> new JsonPrimitive(at.toEpochMilli()))
        .create();
    Hatchet hatchet = fixture.track(Hatchet.builder(fixture.hub.url()).gson(gson).build());
    Consumer consumer = hatchet.consumer(APP, CONSUMER_KEY);
    BlockingQueue<JsonElement> raw = new LinkedBlockingQueue<>();
    Await.get(consumer.watch("times", raw::add));
    Await.get(hatchet.contributor(APP, CONTRIBUTOR_KEY).broadcast("times", TIMES.at()));
    assertEquals(new JsonPrimitive(TIMES.at().toEpochMilli()), poll(raw));
  }
}
