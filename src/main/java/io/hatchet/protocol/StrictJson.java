package io.hatchet.protocol;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;

/**
 * Reads JSON text that came off the wire, the same way on both sides: strict RFC 8259 (no
 * comments, unquoted names, NaN or anything after the value, which Gson's lenient default would
 * take), nested no deeper than a limit, with no lone UTF-16 surrogate in a string or name (what
 * RFC 8259 leaves unpredictable, and what could not be written back as UTF-8), and with no
 * number that {@link java.math.BigDecimal} cannot hold, such as {@code 1e99999999999}, so that
 * whoever reads a number later gets one and not an exception.
 *
 * <p>Numbers stay Gson's lazily parsed ones, their text as it was sent: {@code 1.10} and
 * {@code 1e400} are written back as {@code 1.10} and {@code 1e400}. Gson's reader takes numbers
 * of up to 1,023 characters; a longer one is refused as not JSON, as are (in Gson 2.13) integers
 * whose digits run on past a multiple of 2^64, such as {@code 184467440737095516160}
 * (google/gson#3034).
 *
 * <p>Reads without recursion (Gson's tree adapter keeps its own stack), so deep input cannot
 * overflow the caller's stack, and costs one pass: the checks run as each token is read.
 */
public final class StrictJson {
  /** Why text is refused that is not strict JSON at all. */
  public static final String NOT_JSON = "is not valid JSON";
  /** Why text is refused that holds a string with half of a surrogate pair alone. */
  public static final String LONE_SURROGATE = "has a string with a lone surrogate";
  /** Why text is refused that holds a number no {@link java.math.BigDecimal} holds. */
  public static final String NUMBER_OUT_OF_RANGE = "has a number out of range";

  /** Gson's tree reader, which reads without recursion. */
  private static final TypeAdapter<JsonElement> TREE = new Gson().getAdapter(JsonElement.class);

  private StrictJson() {
  }

  /**
   * {@code json} read, or null if it is refused; {@link #read} says why.
   *
   * @param json the text to read
   * @param maxNesting how many arrays and objects may be open at once, at least 0
   * @return the value, or null
   */
  public static JsonElement parse(String json, int maxNesting) {
    return read(json, maxNesting).value();
  }

  /**
   * Reads {@code json}: its value, or why it is refused.
   *
   * @param json the text to read
   * @param maxNesting how many arrays and objects may be open at once, at least 0
   * @return the value or why it is refused
   * @throws IllegalArgumentException if {@code maxNesting} is negative
   */
  public static Result read(String json, int maxNesting) {
    if (maxNesting < 0) {
      throw new IllegalArgumentException("maxNesting < 0: " + maxNesting);
    }
    try (CheckingReader reader = new CheckingReader(json, maxNesting, mayHoldSurrogates(json))) {
      JsonElement value = TREE.read(reader);
      return reader.peek() == JsonToken.END_DOCUMENT ? new Result(value, null) : refused(NOT_JSON);
    } catch (Refused e) {
      return refused(e.getMessage());
    } catch (IOException | RuntimeException | StackOverflowError e) {
      return refused(NOT_JSON);
    }
  }

  private static Result refused(String why) {
    return new Result(null, why);
  }

  /** A value read, or why there is none. */
  public static final class Result {
    private final JsonElement value;
    private final String why;

    private Result(JsonElement value, String why) {
      this.value = value;
      this.why = why;
    }

    /**
     * The value read, or null if the text was refused.
     *
     * @return the value, or null
     */
    public JsonElement value() {
      return value;
    }

    /**
     * Null if the text was read; else why not, to follow the name of what was read ("the event
     * packet " + why): {@link #NOT_JSON}, {@link #LONE_SURROGATE}, {@link #NUMBER_OUT_OF_RANGE}
     * or "is nested deeper than N".
     *
     * @return why, or null
     */
    public String why() {
      return why;
    }

    /** Never the value, which may be too large or too deep to print. */
    @Override public String toString() {
      return why == null ? "StrictJson.Result{read}" : "StrictJson.Result{refused: " + why + "}";
    }
  }

  /**
   * Gson's reader, checking what the tree adapter takes from it: depth as arrays and objects
   * open, names, and strings and numbers (the adapter reads both with {@link #nextString}).
   */
  private static final class CheckingReader extends JsonReader {
    private final int maxNesting;
    /** False when the text can hold no surrogate at all: then its strings need no check. */
    private final boolean checkStrings;
    private int depth;

    CheckingReader(String json, int maxNesting, boolean checkStrings) {
      super(new StringReader(json));
      this.checkStrings = checkStrings;
      setStrictness(Strictness.STRICT);
      // Gson's own limit (255 by default) must not refuse first; this class names the reason.
      setNestingLimit(maxNesting);
      this.maxNesting = maxNesting;
    }

    @Override public void beginArray() throws IOException {
      enter();
      super.beginArray();
    }

    @Override public void beginObject() throws IOException {
      enter();
      super.beginObject();
    }

    @Override public void endArray() throws IOException {
      super.endArray();
      depth--;
    }

    @Override public void endObject() throws IOException {
      super.endObject();
      depth--;
    }

    private void enter() throws Refused {
      if (depth == maxNesting) {
        throw new Refused("is nested deeper than " + maxNesting);
      }
      depth++;
    }

    @Override public String nextName() throws IOException {
      String name = super.nextName();
      return checkStrings ? checkSurrogates(name) : name;
    }

    @Override public String nextString() throws IOException {
      if (peek() != JsonToken.NUMBER) {
        String text = super.nextString();
        return checkStrings ? checkSurrogates(text) : text;
      }
      String number = super.nextString();
      if (!fitsBigDecimal(number)) {
        throw new Refused(NUMBER_OUT_OF_RANGE);
      }
      return number;
    }
  }

  /**
   * Whether a string read from {@code json} may hold a surrogate: the text holds one itself, or
   * a backslash-u escape that may make one. One pass over the text, cheaper than one over each
   * string read, and for almost every packet the answer is no.
   */
  private static boolean mayHoldSurrogates(String json) {
    if (json.indexOf("\\u") >= 0) {
      return true;
    }
    for (int i = 0; i < json.length(); i++) {
      if (Character.isSurrogate(json.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static String checkSurrogates(String text) throws Refused {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isSurrogate(c)) {
        continue;
      }
      if (!Character.isHighSurrogate(c) || i + 1 == text.length()
          || !Character.isLowSurrogate(text.charAt(i + 1))) {
        throw new Refused(LONE_SURROGATE);
      }
      i++;
    }
    return text;
  }

  /**
   * Whether {@code new BigDecimal(number)} succeeds for {@code number}, a JSON number: whether
   * its exponent and its scale (digits after the point, less the exponent) fit an int. Counts
   * digits instead of calling BigDecimal, whose cost grows faster than the literal's length.
   */
  private static boolean fitsBigDecimal(String number) {
    int end = number.length();
    int at = end;
    while (at > 0 && isDigit(number.charAt(at - 1))) {
      at--;
    }
    int digitsStart = at;
    boolean negative = false;
    if (at > 0 && (number.charAt(at - 1) == '-' || number.charAt(at - 1) == '+')) {
      negative = number.charAt(at - 1) == '-';
      at--;
    }
    if (at == 0 || (number.charAt(at - 1) != 'e' && number.charAt(at - 1) != 'E')) {
      return true; // no exponent: the scale is the count of digits after the point
    }
    int e = at - 1;
    while (digitsStart < end - 1 && number.charAt(digitsStart) == '0') {
      digitsStart++;
    }
    if (end - digitsStart > 10) {
      return false; // more digits than any int has
    }
    long exponent = Long.parseLong(number, digitsStart, end, 10);
    if (negative) {
      exponent = -exponent;
    }
    int dot = number.lastIndexOf('.', e);
    long scale = (dot < 0 ? 0 : e - dot - 1) - exponent;
    return exponent == (int) exponent && scale == (int) scale;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** A refusal, thrown out of the tree adapter; an answer to bad input, so no stack trace. */
  private static final class Refused extends IOException {
    Refused(String why) {
      super(why);
    }

    @Override public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }
}
