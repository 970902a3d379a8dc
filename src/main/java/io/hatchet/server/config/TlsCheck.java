package io.hatchet.server.config;

import io.netty.handler.ssl.SslContextBuilder;
import java.nio.file.Path;
import javax.net.ssl.SSLException;

/**
 * Tries a certificate chain and key as a TLS server would use them, when the config is read:
 * files that cannot serve TLS are an error of the config, reported with the others, rather than
 * a start that fails later.
 */
final class TlsCheck {
  private TlsCheck() {
  }

  /** Why the pair cannot serve TLS, or null if it can. */
  static String problem(Path certificateChain, Path privateKey) {
    try {
      SslContextBuilder.forServer(certificateChain.toFile(), privateKey.toFile()).build();
      return null;
    } catch (SSLException | IllegalArgumentException e) {
      Throwable cause = e;
      while (cause.getCause() != null && cause.getCause() != cause) cause = cause.getCause();
      String why = cause.getMessage() != null ? cause.getMessage() : cause.toString();
      return "the certificate " + certificateChain.getFileName() + " and key "
          + privateKey.getFileName() + " cannot serve TLS: " + why;
    }
  }
}
