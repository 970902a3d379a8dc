package io.hatchet.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatchet.hub.HatchetHub;
import io.hatchet.server.config.ServiceConfig.Limits;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {
  private static final String TOKEN = "0123456789abcdef0123";
  @TempDir Path dir;

  private ServiceConfig load(String name, String text, Map<String, String> env) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return ServiceConfig.load(file, env);
  }

  private List<String> errors(String text) throws Exception {
    return errors("hub.yaml", text, Map.of());
  }

  private List<String> errors(String name, String text, Map<String, String> env) throws Exception {
    ConfigException e = assertThrows(ConfigException.class, () -> load(name, text, env));
    assertTrue(e.getMessage().contains(e.errors().get(0).toString()), e.getMessage());
    return e.errors().stream().map(ConfigError::toString).toList();
  }

  @Test
  void theExampleLoadsWithTheDefaultsItDocuments() throws Exception {
    ServiceConfig config = ServiceConfig.load(Path.of("examples/hub.yaml"), Map.of());
    assertEquals("0.0.0.0", config.client().host());
    assertEquals(7800, config.client().port());
    assertEquals(List.of("websocket", "polling"), config.client().transports());
    assertEquals(List.of(), config.client().allowedOrigins());
    assertEquals("change-me-to-a-long-random-token", config.admin().token());
    assertEquals(16L << 20, config.admin().maxBodyBytes());
    assertEquals("demo", config.defaultApp());
    assertEquals(1, config.apps().size());
    assertEquals(2, config.apps().get(0).consumerKeys());
    assertEquals(1, config.apps().get(0).producerSecrets());
    assertEquals(Limits.DEFAULTS, config.limits(), "the example shows the defaults");
    assertEquals(Duration.ofSeconds(10), config.shutdownTimeout());
    assertEquals(Path.of("examples/hub.pid").toAbsolutePath(), config.pidfile());
    assertEquals(Map.of("io.netty", "warn"), config.logging().levels());
    assertNull(config.hooks().authorizer());
  }

  /** README.md's yaml blocks: the first is examples/hub.yaml as it is, the others fragments. */
  @Test
  void theReadmeShowsTheExampleAsItIsAndFragmentsThatLoad() throws Exception {
    List<String> blocks = new java.util.ArrayList<>();
    StringBuilder block = null;
    for (String line : Files.readAllLines(Path.of("README.md"))) {
      if (block == null && line.equals("```yaml")) {
        block = new StringBuilder();
      } else if (block != null && line.equals("```")) {
        blocks.add(block.toString());
        block = null;
      } else if (block != null) {
        block.append(line).append('\n');
      }
    }
    assertTrue(blocks.size() >= 2, "yaml blocks: " + blocks.size());
    assertEquals(Files.readString(Path.of("examples/hub.yaml")), blocks.get(0));
    for (String fragment : blocks.subList(1, blocks.size())) {
      ServiceConfig config = load("fragment.yaml", fragment + "admin: {token: " + TOKEN
          + "}\napps: {demo: }\n", Map.of("BACKEND_TOKEN", "t"));
      assertTrue(config.hooks().authorizer() != null || config.hooks().messageHook() != null);
    }
  }

  @Test
  void environmentVariablesAreSubstitutedWithDefaults() throws Exception {
    ServiceConfig config = load("hub.yaml", """
        client: {port: "${PORT}"}
        admin: {token: "${TOKEN}", port: "${ADMIN_PORT:-9000}"}
        apps:
          demo:
            producerSecrets: ["$${literal}-${SECRET}"]
        """, Map.of("PORT", "7900", "TOKEN", TOKEN, "SECRET", "s".repeat(32)));
    assertEquals(7900, config.client().port());
    assertEquals(9000, config.admin().port());
    assertEquals(TOKEN, config.admin().token());
  }

  @Test
  void aMinimalConfigTakesTheDefaults() throws Exception {
    ServiceConfig config = load("hub.yml", "admin: {token: " + TOKEN + "}\napps: {demo: }\n",
        Map.of());
    assertEquals("127.0.0.1", config.client().host());
    assertEquals(7801, config.admin().port());
    assertEquals(Limits.DEFAULTS, config.limits());
    assertEquals(dir.resolve("hub.pid"), config.pidfile());
    assertEquals("info", config.logging().level());
    assertNull(config.client().tls());
  }

  @Test
  void jsonIsReadToo() throws Exception {
    ServiceConfig config = load("hub.json", "{\n\t\"admin\": {\"token\": \"" + TOKEN + "\"},\n"
        + "\t\"apps\": {\"demo\": {\"consumerKeys\": [\"k1\", {\"key\": \"k2\", \"events\": [\"log\"]}]}}\n}\n",
        Map.of());
    assertEquals(2, config.apps().get(0).consumerKeys());
  }

  @Test
  void everyErrorIsReportedAtOnceWithItsPathAndWhatWasExpected() throws Exception {
    List<String> errors = errors("""
        client:
          port: 78000
          transports: [websocket, xhr-polling, websocket]
          allowedOrigins: [https://app.example.com/path]
        admin:
          tokn: abc
        apps:
          demo:
            consumerKey: [a]
            consumerKeys: [k1, {key: k2, events: []}, k1]
            producerSecrets: [short, "${MISSING}"]
            producerPublicKeys: [{file: nowhere.pem}]
        limits:
          clockSkew: 60
          maxMessageBytes: 2 parsecs
          recoveryWindow: {messages: 0}
          maxConnectionsPerIp: -1
        logging: {level: loud, syslog: {facility: LOG_NOWHERE}}
        pidfile: no/such/folder/hub.pid
        extra: true
        """);
    List<String> expected = List.of(
        "line 2: client.port: 78000 is out of range; expected a port, 0 (any free one) to 65535",
        "line 3: client.transports[1]: \"xhr-polling\" is a transport of socket.io 0.9",
        "line 3: client.transports[2]: \"websocket\" is given twice",
        "line 4: client.allowedOrigins[0]: \"https://app.example.com/path\" is not an origin",
        "line 11: apps.demo.producerSecrets[1]: the environment variable MISSING is not set",
        "line 10: apps.demo.consumerKeys[1].events: is empty",
        "line 10: apps.demo.consumerKeys[2]: key",
        "line 11: apps.demo.producerSecrets[0]: has 40 bits (5 bytes of UTF-8)",
        "line 12: apps.demo.producerPublicKeys[0].file: does not exist:",
        "line 9: apps.demo.consumerKey: is not a field here; did you mean \"consumerKeys\"?",
        "line 6: admin.token: is missing; expected a secret of at least 16 characters",
        "line 6: admin.tokn: is not a field here; did you mean \"token\"?",
        "line 15: limits.maxMessageBytes: \"2 parsecs\" is not a size",
        "line 14: limits.clockSkew: \"60\" is not a duration (it has no unit)",
        "line 16: limits.recoveryWindow.messages: 0 is out of range",
        "line 17: limits.maxConnectionsPerIp: -1 is out of range",
        "line 19: pidfile: is in a folder that does not exist",
        "line 18: logging.level: \"loud\" is not a level",
        "line 18: logging.syslog.facility: \"LOG_NOWHERE\" is not a facility",
        "line 20: extra: is not a field here");
    for (String start : expected) {
      assertTrue(errors.stream().anyMatch(e -> e.startsWith(start)),
          "no error starting with: " + start + "\nerrors:\n" + String.join("\n", errors));
    }
    assertEquals(expected.size(), errors.size(), String.join("\n", errors));
  }

  @Test
  void aFileThatIsNotYamlSaysWhereAndWhat() throws Exception {
    List<String> errors = errors("admin:\n  token: [unclosed\napps: {}\n");
    assertEquals(1, errors.size());
    assertTrue(errors.get(0).startsWith("line 3: (the file): not YAML:"), errors.get(0));
    List<String> json = errors("hub.json", "{\"admin\": }", Map.of());
    assertEquals(1, json.size(), json.toString());
    assertTrue(json.get(0).contains("not JSON"), json.get(0));
  }

  @Test
  void duplicateKeysAndEmptyFilesAreErrors() throws Exception {
    assertEquals(List.of("line 1: (the file): is empty; expected a YAML map of settings"
        + " (java -jar hatchet-hub.jar init writes one)"), errors(""));
    List<String> errors = errors("admin: {token: " + TOKEN + "}\napps: {demo: }\nadmin: {}\n");
    assertEquals(List.of("line 3: admin: is given twice (also on line 1); expected each field once"),
        errors);
    assertEquals(List.of("line 1: apps: has no app; expected a map from each app's name to its keys"),
        errors("apps: {}\nadmin: {token: " + TOKEN + "}\n"));
  }

  @Test
  void aCertificateMadeNowServesBothPorts() throws Exception {
    io.hatchet.SelfSigned.create(dir.resolve("tls"));
    String tls = "tls: {certificate: tls/cert.pem, privateKey: tls/key.pem}";
    ServiceConfig config = load("hub.yaml", "client: {" + tls + "}\nadmin: {token: " + TOKEN
        + ", " + tls + "}\napps: {demo: }\n", Map.of());
    assertEquals(dir.resolve("tls/cert.pem"), config.client().tls().certificateChain());
    assertEquals(dir.resolve("tls/key.pem"), config.admin().tls().privateKey());
  }

  @Test
  void tlsFilesThatCannotServeAreConfigErrors() throws Exception {
    Files.writeString(dir.resolve("cert.pem"), "not a certificate\n");
    Files.writeString(dir.resolve("key.pem"), "not a key\n");
    List<String> errors = errors("admin: {token: " + TOKEN + ", tls: {certificate: cert.pem,"
        + " privateKey: key.pem}}\napps: {demo: }\nclient: {tls: {certificate: nowhere.pem}}\n");
    assertEquals(3, errors.size(), String.join("\n", errors));
    assertTrue(errors.get(0).startsWith("line 1: admin.tls: the certificate cert.pem and key"
        + " key.pem cannot serve TLS: "), errors.get(0));
    assertTrue(errors.get(1).startsWith("line 3: client.tls.certificate: does not exist: "),
        errors.get(1));
    assertTrue(errors.get(2).startsWith("line 3: client.tls.privateKey: is missing"), errors.get(2));
  }

  @Test
  void aMissingFileIsNotAConfigError() {
    assertThrows(NoSuchFileException.class,
        () -> ServiceConfig.load(dir.resolve("absent.yaml"), Map.of()));
  }

  @Test
  void theDefaultsAreTheHubBuildersOwn() throws Exception {
    HatchetHub.Builder builder = HatchetHub.builder();
    Map<String, Object> fields = new java.util.HashMap<>();
    for (Field field : HatchetHub.Builder.class.getDeclaredFields()) {
      if (java.lang.reflect.Modifier.isStatic(field.getModifiers())) continue;
      field.setAccessible(true);
      fields.put(field.getName(), field.get(builder));
    }
    Map<String, String> builderNames = Map.of("recoveryWindowMessages", "windowMessages",
        "recoveryWindowAge", "windowAge", "recoveryWindowBytes", "windowBytes",
        "heartbeatInterval", "pingInterval", "heartbeatTimeout", "pingTimeout");
    List<String> differ = new java.util.ArrayList<>();
    for (RecordComponent component : Limits.class.getRecordComponents()) {
      String name = builderNames.getOrDefault(component.getName(), component.getName());
      Object ours = component.getAccessor().invoke(Limits.DEFAULTS);
      if (!fields.containsKey(name)) {
        differ.add(name + ": no such field of the builder");
      } else if (!String.valueOf(ours).equals(String.valueOf(fields.get(name)))) {
        differ.add(name + ": " + ours + " here, " + fields.get(name) + " in the builder");
      }
    }
    assertEquals(List.of(), differ, differ.stream().collect(Collectors.joining("\n")));
  }
}
