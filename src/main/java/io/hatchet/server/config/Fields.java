package io.hatchet.server.config;

import io.hatchet.server.config.ConfigNode.Entry;
import io.hatchet.server.config.ConfigNode.Mapping;
import io.hatchet.server.config.ConfigNode.Scalar;
import io.hatchet.server.config.ConfigNode.Sequence;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One mapping of a config file, read field by field: each getter checks the field's value, adds
 * an error naming the field's path when it is wrong and returns the default instead, so that
 * reading goes on and every error of the file is found in one run. {@link #done()} then reports
 * the fields no getter asked for: a typo must not be ignored silently.
 */
final class Fields {
  private static final Pattern BYTES = Pattern.compile(
      "(\\d{1,15})\\s*(B|KiB|MiB|GiB|KB|MB|GB)?", Pattern.CASE_INSENSITIVE);
  private static final Pattern DURATION = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h|d)");
  static final String BYTES_EXPECTED = "a size: bytes, or a number with B, KiB, MiB or GiB";
  static final String DURATION_EXPECTED = "a duration: a number with ms, s, m, h or d (like 30s)";

  private final Mapping node;
  private final String path;
  private final List<ConfigError> errors;
  private final Set<String> asked = new LinkedHashSet<>();

  private Fields(Mapping node, String path, List<ConfigError> errors) {
    this.node = node;
    this.path = path;
    this.errors = errors;
  }

  /** The fields of {@code node}; none if it is absent or null, and an error if it is no map. */
  static Fields of(ConfigNode node, String path, List<ConfigError> errors) {
    if (node instanceof Mapping mapping) return new Fields(mapping, path, errors);
    if (node != null && !(node instanceof Scalar scalar && scalar.isNull())) {
      errors.add(new ConfigError(path, node.line(), "is " + describe(node), "a map of fields"));
    }
    return new Fields(new Mapping(List.of(), node == null ? 0 : node.line()), path, errors);
  }

  String path() {
    return path;
  }

  String path(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  List<ConfigError> errors() {
    return errors;
  }

  /** The line of this mapping, for errors about it as a whole. */
  int line() {
    return node.line();
  }

  void error(String name, ConfigNode at, String problem, String expected) {
    errors.add(new ConfigError(name == null ? path : path(name),
        at == null ? node.line() : at.line(), problem, expected));
  }

  /** The field's node, or null when it is absent or null; marks the field as known. */
  ConfigNode get(String name) {
    asked.add(name);
    for (Entry entry : node.entries()) {
      if (entry.key().equals(name)) {
        return entry.value() instanceof Scalar s && s.isNull() ? null : entry.value();
      }
    }
    return null;
  }

  boolean has(String name) {
    return get(name) != null;
  }

  /** Whether the field is written with a value, also one that failed to read (and said so). */
  private boolean written(String name) {
    for (Entry entry : node.entries()) {
      if (entry.key().equals(name)) {
        return !(entry.value() instanceof Scalar s && s.isNull() && !s.broken());
      }
    }
    return false;
  }

  Fields object(String name) {
    return of(get(name), path(name), errors);
  }

  /** The field's text; {@code fallback} when absent, or wrong (after an error). */
  String string(String name, String fallback, String expected) {
    ConfigNode value = get(name);
    if (value == null) return fallback;
    if (value instanceof Scalar scalar) {
      if (!scalar.text().isBlank()) return scalar.text();
      error(name, value, "is blank", expected);
    } else {
      error(name, value, "is " + describe(value), expected);
    }
    return fallback;
  }

  /** The field's text; an error when it is absent. */
  String required(String name, String expected) {
    String value = string(name, null, expected);
    if (value == null && !written(name)) error(name, null, "is missing", expected);
    return value;
  }

  long integer(String name, long fallback, long min, long max, String expected) {
    String text = string(name, null, expected);
    if (text == null) return fallback;
    long value;
    try {
      value = Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      error(name, get(name), quote(text) + " is not a whole number", expected);
      return fallback;
    }
    if (value < min || value > max) {
      error(name, get(name), value + " is out of range", expected);
      return fallback;
    }
    return value;
  }

  int integer(String name, int fallback, int min, int max, String expected) {
    return (int) integer(name, (long) fallback, min, max, expected);
  }

  boolean bool(String name, boolean fallback) {
    String text = string(name, null, "true or false");
    if (text == null) return fallback;
    if (text.equals("true") || text.equals("false")) return text.equals("true");
    error(name, get(name), quote(text) + " is not a boolean", "true or false");
    return fallback;
  }

  /** A size in bytes: {@code 1048576}, {@code 1MiB}, {@code 16 MiB}. */
  long bytes(String name, long fallback, long min, long max) {
    String text = string(name, null, BYTES_EXPECTED);
    if (text == null) return fallback;
    Matcher m = BYTES.matcher(text.strip());
    if (!m.matches()) {
      error(name, get(name), quote(text) + " is not a size", BYTES_EXPECTED);
      return fallback;
    }
    long value = Long.parseLong(m.group(1)) * unit(m.group(2));
    if (value < min || value > max || value < 0) {
      error(name, get(name), quote(text) + " is out of range",
          "a size from " + min + " to " + max + " bytes");
      return fallback;
    }
    return value;
  }

  /** A duration: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, or ISO-8601 {@code PT2M}. */
  Duration duration(String name, Duration fallback, boolean zeroAllowed) {
    String text = string(name, null, DURATION_EXPECTED);
    if (text == null) return fallback;
    Duration value = parseDuration(text.strip());
    if (value == null) {
      String hint = text.strip().matches("\\d+") ? " (it has no unit)" : "";
      error(name, get(name), quote(text) + " is not a duration" + hint, DURATION_EXPECTED);
      return fallback;
    }
    if (value.isNegative() || (value.isZero() && !zeroAllowed)) {
      error(name, get(name), quote(text) + " is out of range",
          zeroAllowed ? "zero or more" : "more than zero");
      return fallback;
    }
    return value;
  }

  /** The field's list, each item with its path; empty when absent, an error when no list. */
  List<Item> list(String name, String expected) {
    ConfigNode value = get(name);
    List<Item> items = new ArrayList<>();
    if (value == null) return items;
    if (!(value instanceof Sequence sequence)) {
      error(name, value, "is " + describe(value), expected);
      return items;
    }
    for (ConfigNode item : sequence.items()) {
      items.add(new Item(path(name) + "[" + items.size() + "]", item));
    }
    return items;
  }

  /** The field's list of texts, each checked not blank; null when absent. */
  List<String> strings(String name, String expected) {
    if (get(name) == null) return null;
    List<String> texts = new ArrayList<>();
    for (Item item : list(name, "a list of " + expected)) {
      String text = item.text(errors, expected);
      if (text != null) texts.add(text);
    }
    return texts;
  }

  /** Reports each field present that no getter asked for, with the nearest known name. */
  void done() {
    for (Entry entry : node.entries()) {
      if (asked.contains(entry.key())) continue;
      String nearest = Names.nearest(entry.key(), asked);
      String problem = "is not a field here" + (nearest == null ? ""
          : "; did you mean \"" + nearest + "\"?");
      errors.add(new ConfigError(path(entry.key()), entry.line(), problem,
          asked.isEmpty() ? "no fields" : "one of " + String.join(", ", asked)));
    }
  }

  /** One item of a list, with its path. */
  record Item(String path, ConfigNode node) {
    String text(List<ConfigError> errors, String expected) {
      if (node instanceof Scalar scalar && scalar.broken()) return null;
      if (node instanceof Scalar scalar && !scalar.isNull() && !scalar.text().isBlank()) {
        return scalar.text();
      }
      errors.add(new ConfigError(path, node.line(), node instanceof Scalar s && !s.isNull()
          ? "is blank" : "is " + describe(node), expected));
      return null;
    }
  }

  static Duration parseDuration(String text) {
    Matcher m = DURATION.matcher(text);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    try {
      return text.startsWith("P") || text.startsWith("p") ? Duration.parse(text) : null;
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }

  private static long unit(String unit) {
    if (unit == null) return 1;
    return switch (unit.toUpperCase(Locale.ROOT)) {
      case "KIB" -> 1L << 10;
      case "MIB" -> 1L << 20;
      case "GIB" -> 1L << 30;
      case "KB" -> 1_000L;
      case "MB" -> 1_000_000L;
      case "GB" -> 1_000_000_000L;
      default -> 1;
    };
  }

  static String describe(ConfigNode node) {
    return node.kind();
  }

  static String quote(String text) {
    String shown = text.length() > 60 ? text.substring(0, 57) + "..." : text;
    return "\"" + shown + "\"";
  }
}
