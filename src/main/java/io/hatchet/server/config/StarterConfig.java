package io.hatchet.server.config;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The config {@code init} writes: one app with a fresh consumer key, contributor key and
 * producer secret, and a fresh admin token, every other field at its default and commented.
 */
public final class StarterConfig {
  private static final SecureRandom RANDOM = new SecureRandom();

  private StarterConfig() {
  }

  /**
   * The starter config's text.
   *
   * @param app the app's name
   * @return YAML that {@link ServiceConfig#load} reads
   */
  public static String text(String app) {
    return """
        # A hatchet hub. Run it with: java -jar hatchet-hub.jar run -c THIS_FILE
        # The keys below were made for this file: keep it private (it is readable by its owner
        # only). ${VAR} in a value is the environment variable VAR, ${VAR:-text} falls back to
        # text: "token: ${HATCHET_ADMIN_TOKEN}" keeps the token out of the file. Relative paths
        # start from this file's folder. The README, "Running the hub as a service", lists every
        # field.

        client:
          host: 127.0.0.1              # 0.0.0.0 to listen on every interface
          port: 7800
          transports: [websocket, polling]
          # allowedOrigins: [https://app.example.com]
          # tls: {certificate: cert.pem, privateKey: key.pem}

        admin:
          host: 127.0.0.1
          port: 7801
          token: %s

        apps:
          %s:
            consumerKeys: [%s]
            contributorKeys: [%s]
            producerSecrets: [%s]

        # limits: {maxMessageBytes: 1MiB, consumerGracePeriod: 2m, maxConnectionBacklog: 16MiB}
        # hooks: {authorizer: {url: "http://127.0.0.1:8080/hatchet/authorize"}}
        # shutdown: {timeout: 10s}
        # pidfile: hub.pid             # default: beside this file, named after it
        logging:
          level: info
          # file: hub.log              # the daemon's log (start); default: beside the pidfile
        """.formatted(secret(32), app, secret(18), secret(18), secret(48));
  }

  /** {@code bytes} random bytes, in base64url: a key with no character YAML would need quoted. */
  static String secret(int bytes) {
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    String text = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    // A leading '-' would read as a YAML list item in some places; keep every key plain.
    return text.startsWith("-") || text.startsWith("_") ? "k" + text.substring(1) : text;
  }
}
