package io.hatchet.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Config files for the tests: any free ports, the apps the tests use, the pidfile in the test's
 * folder; each top-level section may be replaced or added.
 */
final class TestConfig {
  static final String TOKEN = "test-admin-token-0123456789";
  static final String APP = "demo";
  static final String CONSUMER_KEY = "consumer-key-0123";
  static final String CONTRIBUTOR_KEY = "contributor-key-0123";
  static final String SECRET = "producer-secret-of-the-tests-32-bytes-or-more";
  static final String OTHER_APP = "other";

  private final Map<String, String> sections = new LinkedHashMap<>();

  TestConfig() {
    sections.put("client", "client: {host: 127.0.0.1, port: 0}");
    sections.put("admin", "admin: {host: 127.0.0.1, port: 0, token: " + TOKEN + "}");
    sections.put("apps", """
        apps:
          demo:
            consumerKeys: [%s]
            contributorKeys: [%s]
            producerSecrets: [%s]
          other:
            consumerKeys: [other-consumer-key]
        """.formatted(CONSUMER_KEY, CONTRIBUTOR_KEY, SECRET));
    sections.put("logging", "logging: {level: info, levels: {io.netty: warn}}");
    sections.put("shutdown", "shutdown: {timeout: 10s}");
  }

  /** Replaces (or adds) the top-level section {@code name}: the whole YAML text of it. */
  TestConfig with(String name, String yaml) {
    sections.put(name, yaml);
    return this;
  }

  /** Writes {@code dir/hub.yaml}. */
  Path write(Path dir) throws IOException {
    return writeTo(dir.resolve("hub.yaml"));
  }

  Path writeTo(Path file) throws IOException {
    Files.writeString(file, String.join("\n", sections.values()) + "\n");
    return file;
  }
}
