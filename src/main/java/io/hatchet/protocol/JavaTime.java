package io.hatchet.protocol;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonSyntaxException;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.function.Function;

/**
 * The java.time types as ISO-8601 strings, both ways. Gson has no adapters of its own for them,
 * and its reflection cannot open the JDK's fields on Java 17: without these, an {@code Instant}
 * fails to encode with "Failed making field 'java.time.Instant#seconds' accessible".
 */
final class JavaTime {
  private JavaTime() {}

  /** Registers every java.time type that has a text form of its own on {@code builder}. */
  static GsonBuilder register(GsonBuilder builder) {
    add(builder, Instant.class, Instant::parse);
    add(builder, LocalDate.class, LocalDate::parse);
    add(builder, LocalTime.class, LocalTime::parse);
    add(builder, LocalDateTime.class, LocalDateTime::parse);
    add(builder, OffsetDateTime.class, OffsetDateTime::parse);
    add(builder, OffsetTime.class, OffsetTime::parse);
    add(builder, ZonedDateTime.class, ZonedDateTime::parse);
    add(builder, Duration.class, Duration::parse);
    add(builder, Period.class, Period::parse);
    add(builder, Year.class, Year::parse);
    add(builder, YearMonth.class, YearMonth::parse);
    add(builder, MonthDay.class, MonthDay::parse);
    add(builder, ZoneOffset.class, ZoneOffset::of);
    // ZoneId's classes are ZoneOffset and a private one: the hierarchy covers both.
    builder.registerTypeHierarchyAdapter(ZoneId.class, adapter(ZoneId.class, ZoneId::of));
    return builder;
  }

  private static <T> void add(GsonBuilder builder, Class<T> type, Function<String, T> parse) {
    builder.registerTypeAdapter(type, adapter(type, parse));
  }

  /** Writes {@code toString()}, which is ISO-8601 for each of these types, and parses it back. */
  private static <T> TypeAdapter<T> adapter(Class<T> type, Function<String, T> parse) {
    return new TypeAdapter<T>() {
      @Override public void write(JsonWriter out, T value) throws IOException {
        out.value(value.toString());
      }

      @Override public T read(JsonReader in) throws IOException {
        String text = in.nextString();
        try {
          return parse.apply(text);
        } catch (DateTimeException e) {
          throw new JsonSyntaxException("not an ISO-8601 " + type.getSimpleName() + ": \"" + text
              + "\" at " + in.getPreviousPath(), e);
        }
      }
    }.nullSafe();
  }
}
