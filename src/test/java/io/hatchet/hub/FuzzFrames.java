package io.hatchet.hub;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Hostile frames drawn from one {@link Random}: the same seed makes the same frames. Most are
 * requests of PROTOCOL.md with their fields given wrong values; the rest are truncations, bytes
 * changed at random, random Engine.IO and socket.io headers, and plain random bytes.
 *
 * <p>Values are Java objects written as JSON by {@link #json}: strings (lone surrogates are
 * written as escapes, so the frame stays valid UTF-8), booleans, {@link #NULL}, numbers, lists,
 * maps, and {@link Raw} text written as it is (numbers no decimal type holds, and tokens that
 * are not JSON at all).
 */
final class FuzzFrames {
  /** JSON's null. */
  static final Object NULL = new Object() {
    @Override public String toString() {
      return "null";
    }
  };

  /** Text written into the JSON as it is. */
  record Raw(String text) {
  }

  /** One frame: its bytes, and whether it goes as a binary frame. */
  record Fuzz(byte[] bytes, boolean binary) {
    static Fuzz text(String text) {
      return new Fuzz(text.getBytes(UTF_8), false);
    }

    @Override public String toString() {
      return (binary ? "binary " : "text ") + Hostile.shorten(new String(bytes, UTF_8));
    }
  }

  private static final String[] REQUESTS =
      {"auth", "watch", "unwatch", "alias", "publish", "end", "join", "leave", "consumers", "ping"};
  private static final String[] SESSIONS = {"c1", "c2", "k1", "p1", "x"};
  private static final String[] EVENTS = {"log", "signup", "fuzz", "*"};
  private static final String[] HUGE_NUMBERS = {"1e99999999999", "-1e99999999999", "1e400",
      "9223372036854775808", "18446744073709551616", "-9223372036854775809", "-0", "0.0e0",
      "123456789012345678901234567890.123456789e-99999", "4.9e-325", "1E+2147483648"};
  private static final String[] NOT_JSON = {"NaN", "Infinity", "-Infinity", "undefined", "'x'",
      "0x10", "01", "1.", ".5", "+1", "tru", "nul", "\"\\u12\"", "\"\\x41\"", "{,}", "[1,]"};
  private static final String[] LONE = {"\ud800", "\udfff", "a\udc00b", "\udbff\u0041", "\ud83d"};

  private final Random random;
  private final String[] keys;

  /** {@code credentials}: keys and tokens the requests may carry, valid ones among them. */
  FuzzFrames(Random random, String... credentials) {
    this.random = random;
    this.keys = credentials;
  }

  /** A frame for a WebSocket. */
  Fuzz next() {
    int kind = random.nextInt(100);
    if (kind < 10) return Fuzz.text(packet(request()));
    if (kind < 62) return Fuzz.text(packet(mutate(request())));
    if (kind < 72) return Fuzz.text(truncate(packet(maybeMutated())));
    if (kind < 80) return Fuzz.text(randomHeader() + argumentsJson(maybeMutated()));
    if (kind < 88) return new Fuzz(mutateBytes(packet(maybeMutated()).getBytes(UTF_8)), false);
    if (kind < 94) return new Fuzz(randomBytes(), false);
    return new Fuzz(randomBytes(), true);
  }

  /** A body for a long-polling POST: one frame as text, several, or a base64 binary packet. */
  byte[] pollingBody() {
    int kind = random.nextInt(100);
    if (kind < 15) {
      List<String> packets = new ArrayList<>();
      for (int i = 1 + random.nextInt(4); i > 0; i--) {
        packets.add(new String(next().bytes(), UTF_8));
      }
      return String.join(RawPolling.SEPARATOR, packets).getBytes(UTF_8);
    }
    if (kind < 22) {
      return ("b" + Base64.getEncoder().encodeToString(randomBytes())).getBytes(UTF_8);
    }
    return next().bytes();
  }

  // ---- Requests ----

  /** A request as [name, argument, more arguments...]. */
  private List<Object> request() {
    String name = pick(REQUESTS);
    Map<String, Object> arg = new LinkedHashMap<>();
    switch (name) {
      case "auth" -> {
        arg.put("v", random.nextInt(10) == 0 ? 2 : 1);
        arg.put("session", pick(SESSIONS));
        arg.put("app", random.nextInt(8) == 0 ? "nope" : "demo");
        arg.put("key", pick(keys));
        if (random.nextBoolean()) arg.put("role", pick("consumer", "contributor", "producer"));
        if (random.nextBoolean()) arg.put("id", "fuzz-" + random.nextInt(4));
        if (random.nextInt(4) == 0) arg.put("resume", (long) random.nextInt(100));
      }
      case "watch", "unwatch" -> {
        arg.put("session", pick(SESSIONS));
        arg.put("events", list(1 + random.nextInt(3), () -> pick(EVENTS)));
      }
      case "alias" -> {
        arg.put("session", pick(SESSIONS));
        arg.put("alias", random.nextInt(5) == 0 ? NULL : "user-" + random.nextInt(3));
      }
      case "publish" -> {
        arg.put("session", pick(SESSIONS));
        arg.put("event", pick(EVENTS));
        arg.put("data", value(2));
        int target = random.nextInt(4);
        if (target == 0) arg.put("to", list(1 + random.nextInt(2), () -> "user-" + random.nextInt(3)));
        if (target == 1) arg.put("rooms", list(1 + random.nextInt(2), () -> "room-" + random.nextInt(3)));
        if (random.nextBoolean()) {
          arg.put("publisher", "pub-" + random.nextInt(3));
          arg.put("seq", 1L + random.nextInt(50));
        }
      }
      case "join", "leave" -> {
        arg.put("session", pick(SESSIONS));
        arg.put("room", "room-" + random.nextInt(3));
        arg.put("consumer", "fuzz-" + random.nextInt(4));
      }
      case "consumers" -> {
        arg.put("session", pick(SESSIONS));
        arg.put("userId", "u" + random.nextInt(3));
      }
      case "end" -> arg.put("session", pick(SESSIONS));
      default -> { } // ping: any object
    }
    List<Object> request = new ArrayList<>();
    request.add(name);
    request.add(arg);
    return request;
  }

  private List<Object> maybeMutated() {
    return random.nextBoolean() ? request() : mutate(request());
  }

  /** One to three changes that make the request wrong. */
  @SuppressWarnings("unchecked")
  private List<Object> mutate(List<Object> request) {
    for (int changes = 1 + random.nextInt(3); changes > 0; changes--) {
      Object arg = request.size() > 1 ? request.get(1) : null;
      Map<String, Object> fields = arg instanceof Map ? (Map<String, Object>) arg : null;
      int change = random.nextInt(fields == null || fields.isEmpty() ? 4 : 10);
      switch (change) {
        case 0 -> request.set(0, eventName());
        case 1 -> {
          if (request.size() > 1) request.set(1, wrongValue());
          else request.add(wrongValue());
        }
        case 2 -> {
          for (int i = random.nextInt(3); i >= 0; i--) request.add(wrongValue());
        }
        case 3 -> request.subList(1, request.size()).clear();
        case 4, 5, 6 -> fields.put(pickKey(fields), wrongValue());
        case 7 -> fields.remove(pickKey(fields));
        case 8 -> fields.put(random.nextBoolean() ? name() : pick("to", "rooms", "resume",
            "publisher", "seq", "role", "id", "v"), wrongValue());
        default -> {
          // A wrong value inside a list field, or a list where one value stands.
          String key = pickKey(fields);
          Object value = fields.get(key);
          if (value instanceof List) ((List<Object>) value).add(wrongValue());
          else fields.put(key, list(1 + random.nextInt(3), this::wrongValue));
        }
      }
    }
    return request;
  }

  private String pickKey(Map<String, Object> fields) {
    List<String> names = new ArrayList<>(fields.keySet());
    return names.get(random.nextInt(names.size()));
  }

  /** An event name: another request's, unknown, empty, huge, a lone surrogate. */
  private String eventName() {
    return switch (random.nextInt(6)) {
      case 0 -> pick(REQUESTS);
      case 1 -> pick("deliver", "hub-error", "connect", "disconnect", "");
      case 2 -> hugeString();
      case 3 -> pick(LONE);
      default -> name();
    };
  }

  // ---- Values ----

  /** A value of any kind, for a field that wants some other one. */
  private Object wrongValue() {
    return switch (random.nextInt(14)) {
      case 0 -> (long) random.nextInt();
      case 1 -> random.nextLong();
      case 2 -> new Raw(pick(HUGE_NUMBERS));
      case 3 -> new Raw("9".repeat(1 + random.nextInt(2_000)));
      case 4 -> name();
      case 5 -> "";
      case 6 -> random.nextInt(4) == 0 ? hugeString() : "s".repeat(random.nextInt(2_000));
      case 7 -> pick(LONE);
      case 8 -> list(random.nextInt(4), () -> value(1));
      case 9 -> map(random.nextInt(4), 1);
      case 10 -> NULL;
      case 11 -> random.nextBoolean();
      case 12 -> deep();
      default -> random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
    };
  }

  /** A random value nested at most {@code depth} deep. */
  private Object value(int depth) {
    int kind = random.nextInt(depth > 0 ? 8 : 6);
    return switch (kind) {
      case 0 -> (long) random.nextInt(1_000);
      case 1 -> name();
      case 2 -> NULL;
      case 3 -> random.nextBoolean();
      case 4 -> new Raw(pick("1.10", "-0.0", "1e3", "0"));
      case 5 -> random.nextInt(20) == 0 ? wrongValue() : "v" + random.nextInt(100);
      case 6 -> list(random.nextInt(4), () -> value(depth - 1));
      default -> map(random.nextInt(4), depth - 1);
    };
  }

  /** Arrays or objects nested 50 to 5,000 deep. */
  private Raw deep() {
    int depth = 50 + random.nextInt(4_950);
    boolean arrays = random.nextBoolean();
    String open = arrays ? "[" : "{\"a\":";
    String close = arrays ? "]" : "}";
    return new Raw(open.repeat(depth) + "1" + close.repeat(depth));
  }

  /** 64 KiB to 1.5 MiB, past the hub's 1 MiB message limit now and then. */
  private String hugeString() {
    int length = 64 * 1024 + random.nextInt(1_500 * 1024 - 64 * 1024);
    char[] chars = new char[length];
    Arrays.fill(chars, (char) ('a' + random.nextInt(26)));
    return new String(chars);
  }

  /** A short string of letters, digits, symbols and the odd non-ASCII character. */
  private String name() {
    StringBuilder name = new StringBuilder();
    String alphabet = "abcxyz019_-/:.\" \\\u00e9\u4e2d\ud83e\udea3\u0000\n";
    for (int i = random.nextInt(12); i >= 0; i--) {
      name.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return name.toString();
  }

  private List<Object> list(int size, java.util.function.Supplier<Object> element) {
    List<Object> list = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      list.add(element.get());
    }
    return list;
  }

  private Map<String, Object> map(int size, int depth) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < size; i++) {
      map.put(name(), value(depth));
    }
    return map;
  }

  // ---- Packets ----

  /** {@code 42[...]}, with an ack id most of the time and now and then a namespace. */
  private String packet(List<Object> request) {
    StringBuilder packet = new StringBuilder("42");
    if (random.nextInt(10) == 0) packet.append("/,");
    if (random.nextInt(4) != 0) packet.append(ackId());
    return packet.append(argumentsJson(request)).toString();
  }

  private String ackId() {
    return switch (random.nextInt(12)) {
      case 0 -> Long.toString(Long.MAX_VALUE - random.nextInt(3));
      case 1 -> Long.toString(1L << (32 + random.nextInt(31)));
      case 2 -> "9".repeat(19 + random.nextInt(8));
      default -> Integer.toString(random.nextInt(100_000));
    };
  }

  /** An Engine.IO type, a socket.io type, attachments, a namespace and an ack id, each random. */
  private String randomHeader() {
    StringBuilder header = new StringBuilder();
    header.append("0123456789ab".charAt(random.nextInt(12)));
    if (random.nextInt(4) != 0) header.append("0123456789".charAt(random.nextInt(10)));
    if (random.nextInt(4) == 0) header.append(pick("0", "1", "2", "99", "2000000000", "-1"))
        .append(random.nextInt(4) == 0 ? "" : "-");
    if (random.nextInt(4) == 0) header.append(pick("/", "/,", "/x,", "/" + name() + ","));
    if (random.nextBoolean()) header.append(random.nextInt(8) == 0 ? "-1" : ackId());
    return header.toString();
  }

  private String truncate(String text) {
    return text.substring(0, random.nextInt(text.length()));
  }

  /** Flips, inserts and deletes bytes: the text may stop being UTF-8. */
  private byte[] mutateBytes(byte[] bytes) {
    List<Byte> out = new ArrayList<>(bytes.length + 8);
    for (byte b : bytes) out.add(b);
    for (int changes = 1 + random.nextInt(4); changes > 0; changes--) {
      int at = out.isEmpty() ? 0 : random.nextInt(out.size());
      switch (random.nextInt(3)) {
        case 0 -> { if (!out.isEmpty()) out.set(at, (byte) random.nextInt(256)); }
        case 1 -> out.add(at, (byte) random.nextInt(256));
        default -> { if (!out.isEmpty()) out.remove(at); }
      }
    }
    byte[] result = new byte[out.size()];
    for (int i = 0; i < result.length; i++) result[i] = out.get(i);
    return result;
  }

  private byte[] randomBytes() {
    byte[] bytes = new byte[random.nextInt(random.nextInt(8) == 0 ? 8_192 : 64)];
    random.nextBytes(bytes);
    return bytes;
  }

  // ---- JSON ----

  /** The event's JSON array: {@code ["name", arg, ...]}. */
  private static String argumentsJson(List<Object> request) {
    StringBuilder out = new StringBuilder();
    json(request, out);
    return out.toString();
  }

  @SuppressWarnings("unchecked")
  static void json(Object value, StringBuilder out) {
    if (value instanceof String s) {
      string(s, out);
    } else if (value instanceof Raw raw) {
      out.append(raw.text());
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) out.append(',');
        json(list.get(i), out);
      }
      out.append(']');
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, Object> field : ((Map<String, Object>) map).entrySet()) {
        if (!first) out.append(',');
        first = false;
        string(field.getKey(), out);
        out.append(':');
        json(field.getValue(), out);
      }
      out.append('}');
    } else {
      out.append(value); // numbers, booleans, NULL
    }
  }

  /** A JSON string; control characters and every surrogate as {@code \\uXXXX}. */
  private static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || Character.isSurrogate(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }

  @SafeVarargs
  private <T> T pick(T... choices) {
    return choices[random.nextInt(choices.length)];
  }
}
