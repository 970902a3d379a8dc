package io.hatchet.internal;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JDK's trust manager, which also checks the dates of the hub's own certificate. The JDK
 * checks those of every certificate of a path but its trusted anchor, so a self-signed
 * certificate that a client trusts as it is would be accepted long after it expired; browsers
 * and OpenSSL's clients refuse it, and so does this, with the JDK's own exceptions.
 */
final class ValidTrustManager extends X509ExtendedTrustManager {
  private final X509ExtendedTrustManager platform;

  ValidTrustManager(X509ExtendedTrustManager platform) {
    this.platform = platform;
  }

  @Override public void checkServerTrusted(X509Certificate[] chain, String authType,
      Socket socket) throws CertificateException {
    platform.checkServerTrusted(chain, authType, socket);
    checkValidity(chain);
  }

  @Override public void checkServerTrusted(X509Certificate[] chain, String authType,
      SSLEngine engine) throws CertificateException {
    platform.checkServerTrusted(chain, authType, engine);
    checkValidity(chain);
  }

  @Override public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    platform.checkServerTrusted(chain, authType);
    checkValidity(chain);
  }

  @Override public void checkClientTrusted(X509Certificate[] chain, String authType,
      Socket socket) throws CertificateException {
    platform.checkClientTrusted(chain, authType, socket);
  }

  @Override public void checkClientTrusted(X509Certificate[] chain, String authType,
      SSLEngine engine) throws CertificateException {
    platform.checkClientTrusted(chain, authType, engine);
  }

  @Override public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    platform.checkClientTrusted(chain, authType);
  }

  @Override public X509Certificate[] getAcceptedIssuers() {
    return platform.getAcceptedIssuers();
  }

  /** The hub's own certificate: the platform has checked the rest of the path already. */
  private static void checkValidity(X509Certificate[] chain) throws CertificateException {
    if (chain.length > 0) chain[0].checkValidity(); // expired or not yet valid: a subtype
  }
}
