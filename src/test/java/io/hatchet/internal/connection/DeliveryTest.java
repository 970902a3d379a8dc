package io.hatchet.internal.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import io.hatchet.internal.Concurrently;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One delivery shared by every handler: read once, decoded once per type. */
class DeliveryTest {
  record Point(int x, int y) {}

  record Label(String x) {}

  /** Counts, per type, how often Gson decodes one. */
  private static final class Decodings implements TypeAdapterFactory {
    private final Map<Class<?>, AtomicInteger> counts = new ConcurrentHashMap<>();

    int of(Class<?> type) {
      AtomicInteger count = counts.get(type);
      return count == null ? 0 : count.get();
    }

    @Override public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
      TypeAdapter<T> delegate = gson.getDelegateAdapter(this, type);
      AtomicInteger count = counts.computeIfAbsent(type.getRawType(), t -> new AtomicInteger());
      return new TypeAdapter<T>() {
        @Override public void write(JsonWriter out, T value) throws IOException {
          delegate.write(out, value);
        }

        @Override public T read(JsonReader in) throws IOException {
          count.incrementAndGet();
          return delegate.read(in);
        }
      };
    }
  }

  private final Decodings decodings = new Decodings();
  private final Gson gson = new GsonBuilder().registerTypeAdapterFactory(decodings).create();
  private final JsonElement data = JsonParser.parseString("{\"x\":1,\"y\":2}");
  private final Delivery delivery = new Delivery("point", data);

  @Test void theEventAndDataAreAsGiven() {
    assertEquals("point", delivery.event());
    assertSame(data, delivery.data());
  }

  @Test void asJsonElementIsTheSameTree() {
    assertSame(data, delivery.as(JsonElement.class, gson));
    assertSame(data, delivery.as(JsonElement.class, gson));
    assertEquals(0, decodings.of(JsonElement.class), "the tree is not decoded");
  }

  @Test void aTypeIsDecodedOnceAndTheSameValueReturnedAfter() {
    Point first = delivery.as(Point.class, gson);
    assertEquals(new Point(1, 2), first);
    for (int i = 0; i < 5; i++) assertSame(first, delivery.as(Point.class, gson));
    assertEquals(1, decodings.of(Point.class));
  }

  @Test void eachTypeIsDecodedOnceOnItsOwn() {
    Point point = delivery.as(Point.class, gson);
    Label label = delivery.as(Label.class, gson);
    Map<?, ?> map = delivery.as(Map.class, gson);
    assertEquals(new Label("1"), label);
    assertEquals(Map.of("x", 1.0, "y", 2.0), map);
    assertSame(point, delivery.as(Point.class, gson));
    assertSame(label, delivery.as(Label.class, gson));
    assertSame(map, delivery.as(Map.class, gson));
    assertEquals(1, decodings.of(Point.class));
    assertEquals(1, decodings.of(Label.class));
    assertEquals(1, decodings.of(Map.class));
  }

  @Test void aNullValueIsKeptLikeAnyOther() {
    Delivery empty = new Delivery("nothing", JsonNull.INSTANCE);
    assertNull(empty.as(Point.class, gson));
    assertNull(empty.as(Point.class, gson));
    assertEquals(1, decodings.of(Point.class));
  }

  @Test void aTypeThatFailsThrowsTheSameExceptionEveryTime() {
    JsonSyntaxException first =
        assertThrows(JsonSyntaxException.class, () -> delivery.as(Integer.class, gson));
    for (int i = 0; i < 3; i++) {
      assertSame(first, assertThrows(JsonSyntaxException.class,
          () -> delivery.as(Integer.class, gson)));
    }
    assertEquals(1, decodings.of(Integer.class), "a failure is not retried");
  }

  @Test void aTypeThatFailsDoesNotBreakOthers() {
    Point before = delivery.as(Point.class, gson);
    JsonSyntaxException failure =
        assertThrows(JsonSyntaxException.class, () -> delivery.as(Integer.class, gson));
    assertSame(before, delivery.as(Point.class, gson));
    assertEquals(new Label("1"), delivery.as(Label.class, gson));
    assertSame(failure, assertThrows(JsonSyntaxException.class,
        () -> delivery.as(Integer.class, gson)));
    assertSame(data, delivery.as(JsonElement.class, gson));
  }

  @Test void concurrentCallsAllGetAValidValue() {
    Delivery shared = new Delivery("point", data);
    int threads = 8;
    int rounds = 2_000;
    List<Integer> checked = Concurrently.run(threads, index -> {
      int count = 0;
      for (int i = 0; i < rounds; i++) {
        // Each thread asks for the types in its own order, so they race on every one.
        switch ((index + i) % 4) {
          case 0 -> assertEquals(new Point(1, 2), shared.as(Point.class, gson));
          case 1 -> assertEquals(new Label("1"), shared.as(Label.class, gson));
          case 2 -> assertEquals(Map.of("x", 1.0, "y", 2.0), shared.as(Map.class, gson));
          default -> assertThrows(JsonSyntaxException.class,
              () -> shared.as(Integer.class, gson));
        }
        count++;
      }
      return count;
    });
    assertEquals(List.of(rounds, rounds, rounds, rounds, rounds, rounds, rounds, rounds), checked);
    Point settled = shared.as(Point.class, gson);
    assertSame(settled, shared.as(Point.class, gson), "settles on one value once the race ends");
  }
}
