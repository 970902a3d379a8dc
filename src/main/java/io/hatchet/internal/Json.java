package io.hatchet.internal;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Collection;
import org.json.JSONArray;
import org.json.JSONObject;
import org.json.JSONString;

/**
 * The bridge between Gson, in which users' data is encoded, and org.json, in which socket.io-client
 * speaks. Requests are written once as JSON text and handed to socket.io as {@link Raw}, which it
 * embeds as it is, so user data is never parsed back into org.json objects.
 */
final class Json {
  private Json() {}

  /** JSON text that org.json (and so socket.io-client) writes out verbatim. */
  static final class Raw implements JSONString {
    private final String json;

    Raw(String json) {
      this.json = json;
    }

    @Override
    public String toJSONString() {
      return json;
    }

    @Override
    public String toString() {
      return json;
    }
  }

  /** Encodes user data, or throws IllegalArgumentException that says why Gson could not. */
  static String encode(Gson gson, Object data) {
    try {
      return gson.toJson(data);
    } catch (RuntimeException | StackOverflowError e) {
      String type = data == null ? "null" : data.getClass().getName();
      throw new IllegalArgumentException("Gson cannot encode data of " + type + ": " + e, e);
    }
  }

  /**
   * A value as socket.io-client decoded it (JSONObject, JSONArray, String, Number, Boolean,
   * NULL) as a Gson tree, converted node by node: writing it out as text to parse it again would
   * cost more than decoding the packet did.
   */
  static JsonElement toGson(Object value) {
    if (value == null || value == JSONObject.NULL) return JsonNull.INSTANCE;
    if (value instanceof JSONObject object) {
      JsonObject tree = new JsonObject();
      for (String key : object.keySet()) tree.add(key, toGson(object.opt(key)));
      return tree;
    }
    if (value instanceof JSONArray array) {
      JsonArray tree = new JsonArray(array.length());
      for (int i = 0; i < array.length(); i++) tree.add(toGson(array.opt(i)));
      return tree;
    }
    if (value instanceof String string) return new JsonPrimitive(string);
    if (value instanceof Boolean bool) return new JsonPrimitive(bool);
    if (value instanceof Number number) return new JsonPrimitive(number);
    // Not a type org.json decodes to; whatever it is, its JSON text says what it means.
    return JsonParser.parseString(JSONObject.valueToString(value));
  }

  static int utf8Length(String s) {
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
  static final class Writer {
    private final StringWriter out = new StringWriter();
    private final JsonWriter json = new JsonWriter(out);

    Writer() {
      run(() -> json.beginObject());
    }

    Writer string(String name, String value) {
      return run(() -> json.name(name).value(value));
    }

    Writer number(String name, long value) {
      return run(() -> json.name(name).value(value));
    }

    Writer strings(String name, Collection<String> values) {
      return run(() -> {
        json.name(name).beginArray();
        for (String value : values) json.value(value);
        json.endArray();
      });
    }

    /** Embeds {@code rawJson}, already valid JSON text, as it is. */
    Writer raw(String name, String rawJson) {
      return run(() -> json.name(name).jsonValue(rawJson));
    }

    String end() {
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
