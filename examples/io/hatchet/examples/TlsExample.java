package io.hatchet.examples;

import io.hatchet.Consumer;
import io.hatchet.Hatchet;
import io.hatchet.hub.App;
import io.hatchet.hub.HatchetHub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The README's TLS: a hub that speaks TLS with {@code cert.pem} and {@code key.pem} from the
 * working directory, where the README's openssl command writes them, and a client that trusts
 * exactly that certificate. Prints the hub's URL and the event that came over it.
 *
 * <pre>java io.hatchet.examples.TlsExample</pre>
 */
public final class TlsExample {
  private TlsExample() {}

  public static void main(String[] args) throws Exception {
    // README: TLS
    HatchetHub hub = HatchetHub.builder()
        .app(App.named("demo").consumerKey("I6mMbTSOq4rCdM").contributorKey("iYkrswPZVIrUMv"))
        .tls(Path.of("cert.pem"), Path.of("key.pem"))     // the certificate chain, its PKCS#8 key
        .start();
    System.out.println(hub.url());                        // https://127.0.0.1:...

    try (Hatchet hatchet = Hatchet.builder(hub.url())
        .trustCertificates(Files.readString(Path.of("cert.pem")))   // self-signed: trust it alone
        .build()) {
      BlockingQueue<String> received = new LinkedBlockingQueue<>();
      Consumer consumer = hatchet.consumer("demo", "I6mMbTSOq4rCdM");
      consumer.watch("log", data -> received.add("log " + data));
      consumer.ready().get(10, TimeUnit.SECONDS);
      hatchet.contributor("demo", "iYkrswPZVIrUMv").broadcast("log", Map.of("line", 1))
          .get(10, TimeUnit.SECONDS);
      System.out.println(received.poll(10, TimeUnit.SECONDS));   // log {"line":1}
    }
    hub.close();
    // README end
  }
}
