package io.hatchet.internal;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Collection;

/**
 * JSON on the client: users' data is encoded with their Gson once, and written into requests as
 * text, never parsed back; what arrives is read with Gson too.
 */
public final class Json {
  private Json() {}

  /** Encodes user data, or throws IllegalArgumentException that says why Gson could not. */
  public static String encode(Gson gson, Object data) {
    try {
      return gson.toJson(data);
    } catch (RuntimeException | StackOverflowError e) {
      String type = data == null ? "null" : data.getClass().getName();
      throw new IllegalArgumentException("Gson cannot encode data of " + type + ": " + e, e);
    }
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

  /** Writes one request object: {@code new Json.Writer().string("session", "c1").end()}. */
  public static final class Writer {
    private final StringWriter out = new StringWriter();
    private final JsonWriter json = new JsonWriter(out);

    public Writer() {
      run(() -> json.beginObject());
    }

    public Writer string(String name, String value) {
      return run(() -> json.name(name).value(value));
    }

    public Writer number(String name, long value) {
      return run(() -> json.name(name).value(value));
    }

    public Writer strings(String name, Collection<String> values) {
      return run(() -> {
        json.name(name).beginArray();
        for (String value : values) json.value(value);
        json.endArray();
      });
    }

    /** Embeds {@code rawJson}, already valid JSON text, as it is. */
    public Writer raw(String name, String rawJson) {
      return run(() -> json.name(name).jsonValue(rawJson));
    }

    public String end() {
      run(() -> json.endObject());
      return out.toString();
    }

    private Writer run(IoAction action) {
      try {
        action.run();
      } catch (IOException e) {
        throw new UncheckedIOException(e); // a StringWriter never throws; the signature does
      }
      return this;
    }

    private interface IoAction {
      void run() throws IOException;
    }
  }
}
