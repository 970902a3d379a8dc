package io.hatchet.server.config;

import java.util.List;
import java.util.Map;

/**
 * {@code ${VAR}} in a config value: the environment variable's value, so that secrets need not
 * be written in the file. {@code ${VAR:-default}} takes {@code default} when the variable is
 * unset or empty; {@code $${} is a literal {@code ${}. Only values are substituted, not keys,
 * and a substituted value is not substituted again.
 */
final class Substitution {
  private final Map<String, String> env;

  Substitution(Map<String, String> env) {
    this.env = env;
  }

  /**
   * {@code text} with its variables replaced; null after an error at {@code path} (a variable
   * unset, say), so that the value is left out rather than read as written.
   */
  String apply(String text, String path, int line, List<ConfigError> errors) {
    if (!text.contains("${")) return text;
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      int start = text.indexOf("${", i);
      if (start < 0) {
        out.append(text, i, text.length());
        break;
      }
      if (start > 0 && text.charAt(start - 1) == '$') { // $${ : a literal ${
        out.append(text, i, start - 1).append("${");
        i = start + 2;
        continue;
      }
      out.append(text, i, start);
      int end = text.indexOf('}', start);
      if (end < 0) {
        errors.add(new ConfigError(path, line, "\"${\" is not closed by \"}\"",
            "${NAME} or ${NAME:-default}, or $${ for a literal ${"));
        return null;
      }
      String inside = text.substring(start + 2, end);
      int dash = inside.indexOf(":-");
      String name = dash < 0 ? inside : inside.substring(0, dash);
      if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        errors.add(new ConfigError(path, line, "\"${" + inside + "}\" does not name a variable",
            "${NAME} with a name of letters, digits and _, not starting with a digit"));
        return null;
      }
      String value = env.get(name);
      if (value == null || (dash >= 0 && value.isEmpty())) {
        if (dash < 0) {
          errors.add(new ConfigError(path, line, "the environment variable " + name
              + " is not set", "it set, or a default: ${" + name + ":-default}"));
          return null;
        }
        value = inside.substring(dash + 2);
      }
      out.append(value);
      i = end + 1;
    }
    return out.toString();
  }
}
