package io.hatchet.server.config;

import io.hatchet.hub.App;
import io.hatchet.server.config.ConfigNode.Entry;
import io.hatchet.server.config.ConfigNode.Mapping;
import io.hatchet.server.config.ConfigNode.Scalar;
import io.hatchet.server.config.ServiceConfig.AppConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Reads {@code apps}: a map from each app's name to its keys. A consumer or contributor key is
 * a text, or {@code {key, events}} to allow only some events; a producer secret or public key
 * is a text, or {@code {file}} to read it from a file. Each key is given to {@link App}, whose
 * own checks (a secret too short, a PEM that is no public key, a key given twice) become errors
 * at the key's path.
 */
final class AppReader {
  private static final String KEY = "a key, or {key: ..., events: [...]}";
  private final ConfigReader config;
  private final List<ConfigError> errors;

  AppReader(ConfigReader config) {
    this.config = config;
    this.errors = config.errors();
  }

  List<AppConfig> apps(Fields top) {
    ConfigNode node = top.get("apps");
    String expected = "a map from each app's name to its keys";
    if (node == null) {
      top.error("apps", null, "is missing", expected);
      return List.of();
    }
    if (!(node instanceof Mapping mapping)) {
      top.error("apps", node, "is " + node.kind(), expected);
      return List.of();
    }
    if (mapping.entries().isEmpty()) top.error("apps", node, "has no app", expected);
    List<AppConfig> apps = new ArrayList<>();
    for (Entry entry : mapping.entries()) {
      if (entry.key().isBlank()) {
        errors.add(new ConfigError("apps", entry.line(), "has an app with a blank name", expected));
        continue;
      }
      apps.add(app(entry.key(), Fields.of(entry.value(), top.path("apps") + "." + entry.key(), errors)));
    }
    return List.copyOf(apps);
  }

  private AppConfig app(String name, Fields f) {
    App app = App.named(name);
    List<Fields.Item> consumers = f.list("consumerKeys", "a list of " + KEY);
    for (Fields.Item item : consumers) app = key(app, item, App::consumerKey);
    List<Fields.Item> contributors = f.list("contributorKeys", "a list of " + KEY);
    for (Fields.Item item : contributors) app = key(app, item, App::contributorKey);
    List<Fields.Item> secrets = f.list("producerSecrets",
        "a list of secrets of 32 bytes or more, each a text or {file: ...}");
    for (Fields.Item item : secrets) {
      String secret = inlineOrFile(item, "a secret of 32 bytes or more, or {file: path}");
      app = add(app, item, secret, (a, s) -> a.producerSecrets(s));
    }
    List<Fields.Item> publicKeys = f.list("producerPublicKeys",
        "a list of PEM public keys, each a text or {file: ...}");
    for (Fields.Item item : publicKeys) {
      String pem = inlineOrFile(item, "a PEM public key (-----BEGIN PUBLIC KEY-----), or {file: path}");
      app = add(app, item, pem, (a, p) -> a.producerPublicKeys(p));
    }
    f.done();
    return new AppConfig(app, consumers.size(), contributors.size(), secrets.size(),
        publicKeys.size());
  }

  /** A consumer or contributor key: a text, or {@code {key, events}}. */
  private App key(App app, Fields.Item item, KeyAdder adder) {
    if (item.node() instanceof Scalar) {
      String key = item.text(errors, KEY);
      return key == null ? app : add(app, item, key, (a, k) -> adder.add(a, k));
    }
    Fields f = Fields.of(item.node(), item.path(), errors);
    String key = f.required("key", "the key's secret text");
    List<String> events = f.strings("events", "an event name");
    f.done();
    if (key == null) return app;
    String[] allowed = events == null ? new String[0] : events.toArray(String[]::new);
    if (events != null && events.isEmpty()) {
      f.error("events", f.get("events"), "is empty",
          "the events this key allows, or no events field for every event");
      return app;
    }
    return add(app, item, key, (a, k) -> adder.add(a, k, allowed));
  }

  /** {@code app} with a key added, or {@code app} and an error with {@link App}'s reason. */
  private App add(App app, Fields.Item item, String value, BiFunction<App, String, App> adder) {
    if (value == null) return app;
    try {
      return adder.apply(app, value);
    } catch (IllegalArgumentException e) {
      // App names the value by its place in one call ("producerSecrets[0] has 40 bits"):
      // here the path says which it is.
      String problem = e.getMessage().replaceFirst("^\\w+\\[\\d+\\] ", "");
      errors.add(new ConfigError(item.path(), item.node().line(), problem, ""));
      return app;
    }
  }

  /** A text given inline, or read from {@code {file: path}}; null after an error. */
  private String inlineOrFile(Fields.Item item, String expected) {
    if (item.node() instanceof Scalar) return item.text(errors, expected);
    Fields f = Fields.of(item.node(), item.path(), errors);
    Path path = config.path(f, "file", true);
    if (!f.has("file")) f.error("file", null, "is missing", expected);
    f.done();
    if (path == null || !Files.isReadable(path)) return null;
    try {
      // A file written by an editor or echo ends with a newline that is no part of the secret.
      return Files.readString(path, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      f.error("file", f.get("file"), "cannot be read: " + e.getMessage(), expected);
      return null;
    }
  }

  @FunctionalInterface
  private interface KeyAdder {
    App add(App app, String key, String... events);
  }
}
