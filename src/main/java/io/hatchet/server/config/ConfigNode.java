package io.hatchet.server.config;

import java.util.List;

/**
 * A config file read into a tree, before any meaning is given to it: mappings, sequences and
 * scalars, each with the line it starts on, so that every error can say where it is. Scalars
 * keep their text as written (after {@code ${VAR}} substitution): the validator decides what
 * a value means from the field it is in, never YAML's guess from its shape, so that a key
 * {@code 0123} stays {@code "0123"}.
 */
sealed interface ConfigNode {
  /** The line the node starts on, from 1; 0 when unknown. */
  int line();

  /** What this is, in the words an error message uses. */
  String kind();

  /**
   * A scalar value.
   *
   * @param text its text, never null ({@code ""} for an empty or null scalar)
   * @param isNull whether YAML reads it as null ({@code ~}, {@code null} or nothing)
   * @param quoted whether it was written in quotes
   * @param broken whether reading it already failed (a variable unset): it is then left out,
   *     as null, with no second error
   */
  record Scalar(String text, boolean isNull, boolean quoted, int line, boolean broken)
      implements ConfigNode {
    @Override public String kind() {
      return isNull ? "nothing (null)" : "a value";
    }
  }

  /** A key and its value, in the order written. */
  record Entry(String key, int line, ConfigNode value) {
  }

  /** A mapping (a YAML map or a JSON object). */
  record Mapping(List<Entry> entries, int line) implements ConfigNode {
    @Override public String kind() {
      return "a map";
    }
  }

  /** A sequence (a YAML list or a JSON array). */
  record Sequence(List<ConfigNode> items, int line) implements ConfigNode {
    @Override public String kind() {
      return "a list";
    }
  }
}
