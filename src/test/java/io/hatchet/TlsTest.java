package io.hatchet;

import static io.hatchet.HubFixture.APP;
import static io.hatchet.HubFixture.CONSUMER_KEY;
import static io.hatchet.HubFixture.CONTRIBUTOR_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatchet.internal.ClientTls;
import io.hatchet.testing.FaultProxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against a hub that speaks TLS, with a certificate made for the test: trusted, it
 * works as over plain HTTP; not trusted, every attempt fails with a reason that says so.
 */
class TlsTest {
  private final Closer closer = new Closer();
  @TempDir Path dir;
  private SelfSigned certificate;
  private HubFixture fixture;

  @BeforeEach
  void startHub() {
    certificate = SelfSigned.create(dir.resolve("hub"));
    fixture = closer.add(new HubFixture(builder -> builder.tls(certificate.certificateFile(),
        certificate.keyFile())));
  }

  @AfterEach
  void closeAll() {
    closer.close();
  }

  @Test void aTrustedHubCarriesEventsBothWaysAndItsUrlIsHttps() {
    assertTrue(fixture.hub.url().startsWith("https://127.0.0.1:"), fixture.hub.url());
    Hatchet hatchet = closer.add(quick(fixture.hub.url())
        .trustCertificates(certificate.certificatePem()).build());
    assertDelivers(hatchet);
  }

  @Test void aWssUrlAndAHostNameWorkToo() {
    Hatchet hatchet = closer.add(quick("wss://localhost:" + fixture.hub.port())
        .trustCertificates(certificate.certificatePem()).build());
    assertDelivers(hatchet);
  }

  @Test void aSocketFactoryAndTrustManagerOfOnesOwnWork() {
    ClientTls trust = certificate.trust();
    Hatchet hatchet = closer.add(quick(fixture.hub.url())
        .sslSocketFactory(trust.socketFactory(), trust.trustManager()).build());
    assertDelivers(hatchet);
  }

  @Test void anUntrustedCertificateFailsEveryAttemptWithTheReasonAndIsWarned() {
    long mark = TestLog.mark();
    ConnectionEvents events = new ConnectionEvents();
    // The platform's authorities never signed a certificate made a moment ago.
    Hatchet hatchet = closer.add(quick(fixture.hub.url()).listener(events)
        .failIfNotConnectedWithin(Duration.ofSeconds(2)).build());
    Consumer consumer = hatchet.consumer(APP, CONSUMER_KEY);

    String reason = "TLS handshake failed: the hub's certificate is not trusted";
    String first = events.next();
    assertTrue(first.startsWith("disconnected: cannot connect: " + reason), first);
    assertTrue(first.contains("trustCertificates"), "the reason says what to do: " + first);
    // It tries again, and gives up as failIfNotConnectedWithin says, with the same reason.
    String second = events.next();
    assertTrue(second.startsWith("disconnected: cannot connect: " + reason), second);
    NotConnectedException failed = Await.failure(consumer.ready(), NotConnectedException.class);
    assertTrue(failed.reason().startsWith(reason), failed.reason());
    assertEquals(State.FAILED, consumer.state());
    List<String> warned = TestLog.linesSince(mark, "cannot connect to " + fixture.hub.url());
    assertTrue(!warned.isEmpty() && warned.get(0).contains(reason), () -> "warned " + warned);
  }

  @Test void trustingAnotherCertificateIsNotTrustingTheHubs() {
    SelfSigned other = SelfSigned.create(dir.resolve("other"));
    String reason = firstFailure(fixture.hub.url(), other.certificatePem());
    assertTrue(reason.startsWith("cannot connect: TLS handshake failed: the hub's certificate is"
        + " not trusted"), reason);
  }

  @Test void aCertificateForAnotherHostIsSaidSo() {
    SelfSigned elsewhere = SelfSigned.create(dir.resolve("elsewhere"), "EC", "hub.example");
    HubFixture hub = closer.add(new HubFixture(builder -> builder.tls(
        elsewhere.certificateFile(), elsewhere.keyFile())));
    String reason = firstFailure(hub.hub.url(), elsewhere.certificatePem());
    assertEquals("cannot connect: TLS handshake failed: the hub's certificate is not for host"
        + " 127.0.0.1 (it is for: hub.example)", reason);
  }

  @Test void aHubThatClosesOverTlsIsHubClosedTheConnection() {
    ConnectionEvents events = new ConnectionEvents();
    Hatchet hatchet = closer.add(quick(fixture.hub.url()).listener(events)
        .trustCertificates(certificate.certificatePem()).build());
    Await.get(hatchet.consumer(APP, CONSUMER_KEY).ready());
    assertEquals("connected", events.next());
    fixture.hub.disconnectAll();
    String event = events.next();
    assertTrue(event.startsWith("disconnected: hub closed the connection"), event);
  }

  @Test void aConnectionCutOverTlsReconnectsAndRecovers() {
    FaultProxy network = fixture.proxy();
    assertTrue(network.url().startsWith("https://"), network.url());
    Hatchet hatchet = closer.add(quick(network.url())
        .trustCertificates(certificate.certificatePem()).build());
    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    Consumer consumer = hatchet.consumer(APP, CONSUMER_KEY);
    consumer.watch("log", data -> received.add(data.toString()));
    Await.get(consumer.ready());
    Contributor contributor = closer.add(quick(fixture.hub.url())
        .trustCertificates(certificate.certificatePem()).build()).contributor(APP, CONTRIBUTOR_KEY);

    network.stall();
    network.cut();
    Await.get(contributor.broadcast("log", 1)); // while the consumer is away
    network.resume();
    assertEquals("1", Queues.poll(received), "recovered after reconnecting over TLS");
  }

  /** The hub's refusals are answers the client reads before the connection ends: over TLS too. */
  @Test void aRefusalAtTheHandshakeIsReadOverTls() {
    HubFixture hub = closer.add(new HubFixture(builder -> builder.maxConnectionsPerIp(1)
        .tls(certificate.certificateFile(), certificate.keyFile())));
    Hatchet first = closer.add(quick(hub.hub.url())
        .trustCertificates(certificate.certificatePem()).build());
    Await.get(first.consumer(APP, CONSUMER_KEY).ready());
    String reason = firstFailure(hub.hub.url(), certificate.certificatePem());
    assertTrue(reason.startsWith("cannot connect: the server answered the WebSocket upgrade with"
        + " HTTP 429"), reason);
  }

  @Test void trustCertificatesRefusesWhatIsNoCertificate() {
    Hatchet.Builder builder = Hatchet.builder(fixture.hub.url());
    String key = assertThrows(IllegalArgumentException.class, () -> builder.trustCertificates(
        "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----")).getMessage();
    assertTrue(key.contains("argument 1") && key.contains("BEGIN CERTIFICATE"), key);
    String notX509 = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----";
    String garbled = assertThrows(IllegalArgumentException.class,
        () -> builder.trustCertificates(certificate.certificatePem(), notX509)).getMessage();
    assertTrue(garbled.contains("argument 2") && garbled.contains("not an X.509 certificate"),
        garbled);
    assertThrows(IllegalArgumentException.class, builder::trustCertificates);
    assertThrows(IllegalArgumentException.class, () -> builder.trustCertificates((String) null));
    assertThrows(IllegalArgumentException.class, () -> builder.sslSocketFactory(null, null));
  }

  /** A consumer of {@code hatchet} receives what its contributor broadcasts and sends. */
  private static void assertDelivers(Hatchet hatchet) {
    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    Consumer consumer = hatchet.consumer(APP, CONSUMER_KEY);
    consumer.watch("log", data -> received.add("log " + data));
    consumer.alias("frederick");
    Await.get(consumer.ready());
    Contributor contributor = hatchet.contributor(APP, CONTRIBUTOR_KEY);
    assertEquals(1, Await.get(contributor.broadcast("log", Map.of("line", 1))));
    assertEquals(1, Await.get(contributor.send("log", Map.of("line", 2), "frederick")));
    assertEquals("log {\"line\":1}", Queues.poll(received));
    assertEquals("log {\"line\":2}", Queues.poll(received));
  }

  /** Why the first attempt of a Hatchet to {@code url} that trusts {@code pem} failed. */
  private String firstFailure(String url, String pem) {
    ConnectionEvents events = new ConnectionEvents();
    closer.add(quick(url).listener(events).trustCertificates(pem).build());
    return Await.get(events.firstDisconnect);
  }

  private static Hatchet.Builder quick(String url) {
    return Hatchet.builder(url).reconnectDelay(Duration.ofMillis(10), Duration.ofMillis(50));
  }
}
