package io.hatchet.hub;

import static io.hatchet.hub.RawClient.assertOk;
import static io.hatchet.hub.RawClient.json;
import static io.hatchet.hub.RawClient.sessions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatchet.Await;
import io.hatchet.SelfSigned;
import io.hatchet.TestLog;
import io.hatchet.internal.ClientTls;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hub's client port over TLS, from PEM files made for the test: the plain socket.io Java
 * client on every transport, files the hub refuses at start, and clients that do not speak TLS.
 */
class HubTlsTest {
  private final HubClients clients = new HubClients();
  @TempDir Path dir;

  @AfterEach void close() {
    if (clients.hub() != null) clients.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"polling", "websocket", "polling,websocket"})
  void socketIoClientsOfEveryTransportAreServedOverTls(String transports) throws Exception {
    SelfSigned certificate = SelfSigned.create(dir);
    HatchetHub hub = start(certificate);
    assertTrue(hub.url().startsWith("https://"), hub.url());

    RawClient consumer = connect(hub, transports, certificate);
    consumer.consumer("c1", "log");
    RawClient contributor = connect(hub, "websocket", certificate);
    contributor.authOk("k1", TestApps.CONTRIBUTOR_KEY);
    JSONObject answer = contributor.call("publish", json("session", "k1", "event", "log",
        "data", "over TLS"));
    assertOk(answer);
    assertEquals(1, answer.getInt("routed"));

    JSONObject deliver = consumer.nextDeliver();
    assertEquals("over TLS", deliver.getString("data"));
    assertEquals(Set.of("c1"), sessions(deliver));
    if (transports.contains(",")) {
      consumer.awaitUpgrade(); // before closing: see awaitUpgrade
    }
  }

  /**
   * The hub ends a WebSocket that breaks socket.io after saying why, and lingers so that the
   * client reads it: over TLS too.
   */
  @Test void aWebSocketTheHubEndsReadsWhyFirst() throws Exception {
    SelfSigned certificate = SelfSigned.create(dir);
    RawClient client = connect(start(certificate), "websocket", certificate);
    client.authOk("k2", TestApps.CONTRIBUTOR_KEY);
    // socket.io-client-java sends arguments holding bytes as a binary event, which the hub refuses.
    client.request("publish", json("session", "k2", "event", "log", "data", new byte[] {1, 2}));
    assertEquals("bad_request", client.nextHubError().getString("code"));
    assertFalse(client.awaitDisconnect().isEmpty());
  }

  @Test void anRsaKeyServesToo() throws Exception {
    SelfSigned certificate = SelfSigned.create(dir, "RSA", "localhost", "127.0.0.1");
    HatchetHub hub = start(certificate);
    connect(hub, "websocket", certificate).consumer("c1", "log");
  }

  @SuppressWarnings("try") // the response is never read: the call must fail
  @Test void plainHttpOnTheTlsPortIsClosedAndOnlyLoggedAtDebug() throws Exception {
    SelfSigned certificate = SelfSigned.create(dir);
    HatchetHub hub = start(certificate);
    long mark = TestLog.mark();

    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), hub.port())) {
      socket.setSoTimeout((int) Await.SECONDS * 1000);
      OutputStream out = socket.getOutputStream();
      out.write(("GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      assertEquals(-1, in.read(), "the hub answered plain HTTP on its TLS port");
    }
    OkHttpClient http = new OkHttpClient();
    try {
      Request request = new Request.Builder()
          .url("http://127.0.0.1:" + hub.port() + "/socket.io/?EIO=4&transport=polling").build();
      assertThrows(IOException.class, () -> {
        try (Response ignored = http.newCall(request).execute()) {
          // never answered
        }
      });
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }

    // Still serving TLS clients, and nothing about the plain ones above DEBUG.
    connect(hub, "websocket", certificate).consumer("c1", "log");
    assertEquals(List.of(), TestLog.linesSince(mark, "io.hatchet.hub"));
  }

  @Test void unusableFilesFailStartNamingTheFileAndWhatIsWrongBeforeAnyThreadStarts()
      throws Exception {
    SelfSigned certificate = SelfSigned.create(dir.resolve("good"));
    SelfSigned rsa = SelfSigned.create(dir.resolve("rsa"), "RSA", "localhost");
    SelfSigned other = SelfSigned.create(dir.resolve("other"));
    Path cert = certificate.certificateFile();
    Path key = certificate.keyFile();
    Set<String> threadsBefore = Await.hatchetThreads();

    assertRefused(cert, dir.resolve("missing.pem"), "TLS private key file", "no such file");
    assertRefused(dir, key, "TLS certificate chain file", "is a directory");
    assertRefused(key, cert, "TLS certificate chain file", "are the two files swapped?");
    assertRefused(cert, write("garbage.pem", "not a key\n"), "TLS private key file",
        "holds no PEM private key", "BEGIN PRIVATE KEY");
    assertRefused(rsa.certificateFile(), write("rsa-pkcs1.pem", rsa.traditionalKeyPem()),
        "TLS private key file", "traditional RSA form", "openssl pkcs8 -topk8 -nocrypt");
    assertRefused(cert, write("ec-sec1.pem", certificate.traditionalKeyPem()),
        "TLS private key file", "traditional EC form", "openssl pkcs8 -topk8 -nocrypt");
    assertRefused(cert, write("encrypted.pem",
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n"),
        "TLS private key file", "encrypted", "unencrypted PKCS#8");
    assertRefused(cert, other.keyFile(), "TLS private key file",
        "not the one of the first certificate");
    assertRefused(write("bad-cert.pem",
        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"), key,
        "TLS certificate chain file", "PEM certificate 1 is not an X.509 certificate");
    assertRefused(cert, write("two-keys.pem", Files.readString(key) + Files.readString(key)),
        "TLS private key file", "more than one private key");

    Set<String> started = Await.hatchetThreads();
    started.removeAll(threadsBefore);
    assertEquals(Set.of(), started, "a hub that did not start left threads");
  }

  @Test void aNullFileIsRefusedAtTheCall() {
    HatchetHub.Builder builder = HatchetHub.builder();
    assertThrows(IllegalArgumentException.class, () -> builder.tls(null, dir));
    assertThrows(IllegalArgumentException.class, () -> builder.tls(dir, null));
  }

  private void assertRefused(Path chain, Path key, String... phrases) throws IOException {
    HatchetHub.Builder builder = HatchetHub.builder().app(TestApps.demo()).tls(chain, key);
    String message = assertThrows(IllegalArgumentException.class, builder::start).getMessage();
    String file = phrases[0].contains("chain") ? chain.toString() : key.toString();
    assertTrue(message.startsWith(phrases[0] + " " + file + ": "), message);
    for (String phrase : phrases) {
      assertTrue(message.contains(phrase), () -> "'" + phrase + "' not in: " + message);
    }
    if (Files.isRegularFile(key)) {
      // A key's text is never part of a message: not even one of its lines.
      for (String line : Files.readAllLines(key)) {
        assertFalse(line.length() > 8 && !line.startsWith("-----") && message.contains(line),
            "the message holds a line of the key");
      }
    }
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private HatchetHub start(SelfSigned certificate) {
    return clients.startHub(HatchetHub.builder().app(TestApps.demo())
        .tls(certificate.certificateFile(), certificate.keyFile())).hub();
  }

  /** A socket.io-client-java connection that trusts {@code certificate}; closed with the hub. */
  private RawClient connect(HatchetHub hub, String transports, SelfSigned certificate)
      throws Exception {
    ClientTls trust = certificate.trust();
    OkHttpClient http = new OkHttpClient.Builder()
        .sslSocketFactory(trust.socketFactory(), trust.trustManager()).build();
    return clients.track(RawClient.connect(hub.url(), transports, http));
  }
}
