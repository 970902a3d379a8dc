package io.hatchet.internal;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import io.hatchet.protocol.EventData;
import java.util.Collection;

/**
 * JSON on the client: users' data is encoded with their Gson once, and written into requests as
 * text, never parsed back; what arrives is read with Gson too.
 */
public final class Json {
  /**
   * The Gson a Hatchet uses unless given one: Gson's defaults, and the java.time types as
   * ISO-8601 strings ({@link EventData#GSON}, which the hub's own sends use too).
   */
  public static final Gson DEFAULT_GSON = EventData.GSON;

  private Json() {}

  /**
   * Encodes user data, or throws IllegalArgumentException that says why Gson could not, or that
   * it would send the data as null by accident.
   */
  public static String encode(Gson gson, Object data) {
    return EventData.encode(gson, data);
  }

  /** The string {@code element} holds, or null if it is not a string. */
  public static String string(JsonElement element) {
    return element instanceof JsonPrimitive p && p.isString() ? p.getAsString() : null;
  }

  /** The whole number at {@code index} of {@code array}, or 0 if there is none. */
  public static long number(JsonArray array, int index) {
    if (array == null || index >= array.size()) return 0;
    JsonElement element = array.get(index);
    try {
      return element instanceof JsonPrimitive p && p.isNumber() ? p.getAsLong() : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  public static int utf8Length(String s) {
    int bytes = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        bytes++;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  /**
   * Writes one request object: {@code new Json.Writer().string("session", "c1").end()}. Written
   * by hand on a StringBuilder rather than with Gson's JsonWriter, which costs more than the rest
   * of a small request together (a synchronized StringWriter, and a check per character); the
   * strings are escaped as RFC 8259 asks, and U+2028 and U+2029 too, as Gson does.
   */
  public static final class Writer {
    private static final char LINE_SEPARATOR = 0x2028;
    private static final char PARAGRAPH_SEPARATOR = 0x2029;

    private final StringBuilder out = new StringBuilder(128).append('{');

    public Writer string(String name, String value) {
      name(name);
      if (value == null) {
        out.append("null");
      } else {
        quote(value);
      }
      return this;
    }

    public Writer number(String name, long value) {
      name(name).append(value);
      return this;
    }

    public Writer strings(String name, Collection<String> values) {
      name(name).append('[');
      boolean first = true;
      for (String value : values) {
        if (!first) out.append(',');
        first = false;
        quote(value);
      }
      out.append(']');
      return this;
    }

    /** Embeds {@code rawJson}, already valid JSON text, as it is. */
    public Writer raw(String name, String rawJson) {
      name(name).append(rawJson);
      return this;
    }

    public String end() {
      return out.append('}').toString();
    }

    private StringBuilder name(String name) {
      if (out.length() > 1) out.append(',');
      quote(name);
      return out.append(':');
    }

    private void quote(String value) {
      out.append('"');
      int from = 0;
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c >= 0x20 && c != '"' && c != '\\' && c != LINE_SEPARATOR && c != PARAGRAPH_SEPARATOR) {
          continue;
        }
        out.append(value, from, i);
        switch (c) {
          case '"' -> out.append("\\\"");
          case '\\' -> out.append("\\\\");
          case '\n' -> out.append("\\n");
          case '\r' -> out.append("\\r");
          case '\t' -> out.append("\\t");
          default -> out.append(String.format("\\u%04x", (int) c));
        }
        from = i + 1;
      }
      out.append(value, from, value.length()).append('"');
    }
  }
}
