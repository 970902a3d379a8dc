package io.hatchet.internal;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * What a Hatchet's TLS connections trust, in the pair OkHttp takes: a socket factory and the
 * trust manager it was made with.
 *
 * @param socketFactory makes the TLS sockets
 * @param trustManager decides which certificates the hub may present
 */
public record ClientTls(SSLSocketFactory socketFactory, X509TrustManager trustManager) {
  /**
   * Trusts exactly {@code certificates}: a hub's self-signed certificate, or the certificate of
   * the authority that signed the hub's. The platform's own authorities are not trusted. The
   * host name is checked all the same: the hub's certificate must name the URL's host.
   */
  public static ClientTls trusting(List<X509Certificate> certificates) {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      for (int i = 0; i < certificates.size(); i++) {
        store.setCertificateEntry("trusted-" + i, certificates.get(i));
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      X509TrustManager trustManager = null;
      for (TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509TrustManager x509) trustManager = x509;
      }
      if (trustManager == null) {
        throw new IllegalStateException("the JDK made no X.509 trust manager");
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trustManager}, null);
      return new ClientTls(context.getSocketFactory(), trustManager);
    } catch (GeneralSecurityException | java.io.IOException e) {
      // Neither can happen with the JDK's own providers and an empty key store in memory.
      throw new IllegalStateException("the JDK cannot make a TLS context: " + e, e);
    }
  }
}
