package io.hatchet.server.config;

/**
 * One thing wrong with a config file: where it is, what is wrong, and what was expected.
 *
 * @param path the field's path, like {@code apps.demo.consumerKeys[1].events[0]}; {@code ""}
 *     for the file as a whole
 * @param line the line of the file it is on, from 1; 0 when it has none (a missing field)
 * @param problem what is wrong, like {@code "78000" is out of range}
 * @param expected what would be right, like {@code a port, 0 to 65535}; may be empty
 */
public record ConfigError(String path, int line, String problem, String expected) {
  /**
   * The error as the hub prints it: {@code line 4: client.port: "78000" is out of range;
   * expected a port, 0 to 65535}.
   *
   * @return one line
   */
  @Override public String toString() {
    StringBuilder text = new StringBuilder();
    if (line > 0) text.append("line ").append(line).append(": ");
    text.append(path.isEmpty() ? "(the file)" : path).append(": ").append(problem);
    if (!expected.isEmpty()) text.append("; expected ").append(expected);
    return text.toString();
  }
}
