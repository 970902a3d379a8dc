package io.hatchet.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatchet.Consumer;
import io.hatchet.Hatchet;
import io.hatchet.SelfSigned;
import io.hatchet.server.AdminClient.Answer;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS on both ports of the jar, from a certificate the test makes now. */
class TlsIT {
  @TempDir Path dir;

  @Test
  void theClientAndAdminPortsSpeakTls() throws Exception {
    SelfSigned certificate = SelfSigned.create(dir.resolve("tls"));
    String tls = "tls: {certificate: tls/cert.pem, privateKey: tls/key.pem}";
    Path config = new TestConfig()
        .with("client", "client: {host: 127.0.0.1, port: 0, " + tls + "}")
        .with("admin", "admin: {host: 127.0.0.1, port: 0, token: " + TestConfig.TOKEN + ", " + tls + "}")
        .write(dir);
    try (HubProcess hub = HubProcess.run(config)) {
      assertTrue(hub.clientUrl().startsWith("https://127.0.0.1:"), hub.output());
      assertTrue(hub.adminUrl().startsWith("https://127.0.0.1:"), hub.output());
      AdminClient admin = new AdminClient(hub.adminUrl(), trusting(certificate));
      try (Hatchet hatchet = Hatchet.builder(hub.clientUrl())
          .trustCertificates(certificate.certificatePem()).build()) {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        Consumer consumer = hatchet.consumer(TestConfig.APP, TestConfig.CONSUMER_KEY);
        consumer.watch("secure", data -> received.add(data.toString()));
        consumer.ready().get(30, TimeUnit.SECONDS);
        Answer published = admin.post("/apps/demo/publish", "{\"event\":\"secure\",\"data\":42}");
        assertEquals("{\"routed\":1}", published.json().toString(), published.toString());
        assertEquals("42", received.poll(30, TimeUnit.SECONDS));
      }
      assertEquals(0, hub.terminate(), hub.output());
    }
  }

  private static SSLContext trusting(SelfSigned certificate) throws Exception {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    store.setCertificateEntry("hub", certificate.certificate());
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }
}
