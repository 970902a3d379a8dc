package io.hatchet.hub;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON written as UTF-8 bytes into an array that grows: the hub's answers and events, and each
 * {@link Message}'s name and data.
 *
 * <p>Not Gson's JsonWriter, which writes chars that would need encoding again, checks every
 * number against a regular expression and writes trees recursively. This writes a tree of any
 * depth with a stack of its own, and numbers as their text, so that data is relayed as it was
 * sent: {@code 1.10} stays {@code 1.10}. Strings are escaped as RFC 8259 asks, and U+2028 and
 * U+2029 too, as Gson does; a lone surrogate, which no UTF-8 can carry, is written as an escape.
 */
final class JsonBytes {
  private static final byte[] HEX = Message.bytes("0123456789abcdef");
  private static final byte[] NULL = Message.bytes("null");
  private static final byte[] TRUE = Message.bytes("true");
  private static final byte[] FALSE = Message.bytes("false");

  private byte[] bytes;
  private int size;
  /** The containers {@link #value} has open: what is left of each, and its closing byte. */
  private Iterator<?>[] open = new Iterator<?>[0];
  private byte[] closers = new byte[0];

  JsonBytes(int capacity) {
    bytes = new byte[capacity];
  }

  /** {@code text} as a JSON string in UTF-8, quotes included. */
  static byte[] quoted(String text) {
    return new JsonBytes(3 * text.length() + 2).string(text).toByteArray();
  }

  int size() {
    return size;
  }

  int capacity() {
    return bytes.length;
  }

  /** Forgets what was written, keeping the array for what comes next. */
  JsonBytes clear() {
    size = 0;
    return this;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  void writeTo(ByteBuf out) {
    out.writeBytes(bytes, 0, size);
  }

  /** Appends one byte of JSON syntax, such as {@code [} or {@code ,}. */
  JsonBytes raw(char ascii) {
    ensure(1);
    bytes[size++] = (byte) ascii;
    return this;
  }

  private void raw(byte[] ascii) {
    ensure(ascii.length);
    System.arraycopy(ascii, 0, bytes, size, ascii.length);
    size += ascii.length;
  }

  /** Appends {@code element} and everything in it. */
  JsonBytes value(JsonElement element) {
    int depth = 0;
    JsonElement next = element;
    while (true) {
      if (next.isJsonArray() || next.isJsonObject()) {
        boolean array = next.isJsonArray();
        if (depth == open.length) {
          open = Arrays.copyOf(open, Math.max(8, depth * 2));
          closers = Arrays.copyOf(closers, open.length);
        }
        open[depth] = array ? ((JsonArray) next).iterator()
            : ((JsonObject) next).entrySet().iterator();
        closers[depth++] = (byte) (array ? ']' : '}');
        raw(array ? '[' : '{');
      } else {
        primitive(next);
      }
      next = null;
      while (next == null && depth > 0) {
        Iterator<?> children = open[depth - 1];
        if (!children.hasNext()) {
          open[--depth] = null;
          raw((char) closers[depth]);
          continue;
        }
        // A value never ends in an opening bracket: after one, this is the first child.
        if (bytes[size - 1] != '[' && bytes[size - 1] != '{') {
          raw(',');
        }
        Object child = children.next();
        if (child instanceof Map.Entry<?, ?> member) {
          string((String) member.getKey()).raw(':');
          next = (JsonElement) member.getValue();
        } else {
          next = (JsonElement) child;
        }
      }
      if (next == null) {
        return this;
      }
    }
  }

  private void primitive(JsonElement element) {
    if (element.isJsonNull()) {
      raw(NULL);
      return;
    }
    JsonPrimitive primitive = (JsonPrimitive) element;
    if (primitive.isString()) {
      string(primitive.getAsString());
    } else if (primitive.isBoolean()) {
      raw(primitive.getAsBoolean() ? TRUE : FALSE);
    } else {
      number(primitive.getAsNumber());
    }
  }

  /**
   * A number as its text: a parsed one's as it was sent, which StrictJson checked. Only the hub's
   * own doubles could be no JSON at all.
   */
  private void number(Number number) {
    if (number instanceof Double d && !Double.isFinite(d)
        || number instanceof Float f && !Float.isFinite(f)) {
      throw new IllegalArgumentException("JSON has no " + number);
    }
    String text = number.toString();
    ensure(text.length());
    for (int i = 0; i < text.length(); i++) {
      bytes[size++] = (byte) text.charAt(i);
    }
  }

  /** Appends {@code text} as a JSON string, quotes included. */
  JsonBytes string(String text) {
    int length = text.length();
    // Room for 3 bytes a char, the most UTF-8 takes; escapes, longer, make room for themselves.
    ensure(3 * length + 2);
    byte[] b = bytes;
    int at = size;
    b[at++] = '"';
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c < 0x80 && c >= 0x20 && c != '"' && c != '\\') {
        b[at++] = (byte) c;
      } else if (c < 0x80 || c == '\u2028' || c == '\u2029' || isLoneSurrogate(text, i)) {
        size = at;
        ensure(6 + 3 * (length - i - 1) + 1);
        escape(c);
        b = bytes;
        at = size;
      } else if (c < 0x800) {
        b[at++] = (byte) (0xc0 | c >> 6);
        b[at++] = (byte) (0x80 | c & 0x3f);
      } else if (Character.isSurrogate(c)) {
        int codePoint = Character.toCodePoint(c, text.charAt(++i));
        b[at++] = (byte) (0xf0 | codePoint >> 18);
        b[at++] = (byte) (0x80 | codePoint >> 12 & 0x3f);
        b[at++] = (byte) (0x80 | codePoint >> 6 & 0x3f);
        b[at++] = (byte) (0x80 | codePoint & 0x3f);
      } else {
        b[at++] = (byte) (0xe0 | c >> 12);
        b[at++] = (byte) (0x80 | c >> 6 & 0x3f);
        b[at++] = (byte) (0x80 | c & 0x3f);
      }
    }
    b[at++] = '"';
    size = at;
    return this;
  }

  private static boolean isLoneSurrogate(String text, int i) {
    char c = text.charAt(i);
    if (!Character.isSurrogate(c)) {
      return false;
    }
    return !Character.isHighSurrogate(c) || i + 1 == text.length()
        || !Character.isLowSurrogate(text.charAt(i + 1));
  }

  /** Writes {@code c} escaped; the room for it is made. */
  private void escape(char c) {
    char shortForm = switch (c) {
      case '"' -> '"';
      case '\\' -> '\\';
      case '\n' -> 'n';
      case '\r' -> 'r';
      case '\t' -> 't';
      case '\b' -> 'b';
      case '\f' -> 'f';
      default -> 0;
    };
    bytes[size++] = '\\';
    if (shortForm != 0) {
      bytes[size++] = (byte) shortForm;
      return;
    }
    bytes[size++] = 'u';
    bytes[size++] = HEX[c >> 12];
    bytes[size++] = HEX[c >> 8 & 0xf];
    bytes[size++] = HEX[c >> 4 & 0xf];
    bytes[size++] = HEX[c & 0xf];
  }

  /** Makes room for {@code more} bytes. */
  private void ensure(int more) {
    if (bytes.length - size < more) {
      bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, size + more));
    }
  }
}
