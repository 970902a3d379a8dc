package io.hatchet.examples;

import io.hatchet.Consumer;
import io.hatchet.Hatchet;
import io.hatchet.Producer;
import io.hatchet.ProducerOptions;
import io.hatchet.hub.App;
import io.hatchet.hub.HatchetHub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The README's EC keys: a producer signs with {@code producer.pem}, the hub verifies with
 * {@code producer.pub.pem}, both read from the working directory, where the README's openssl
 * commands write them. Prints whether a token signed so was accepted.
 *
 * <pre>java io.hatchet.examples.KeyFiles</pre>
 */
public final class KeyFiles {
  private KeyFiles() {}

  public static void main(String[] args) throws Exception {
    // README fragment: Producers, tokens and rooms
    ProducerOptions options = ProducerOptions.builder().algorithm("ES256")
        .secretKeys(Files.readString(Path.of("producer.pem"))).build();              // the producer
    App app = App.named("demo").producerPublicKeys(Files.readString(Path.of("producer.pub.pem")));   // the hub
    // README end

    HatchetHub hub = HatchetHub.builder().app(app).start();
    try (Hatchet hatchet = Hatchet.connect(hub.url())) {
      Producer producer = hatchet.producer("demo", options);
      Consumer consumer = hatchet.consumer("demo", producer.signAuth(Map.of("userId", "u1")));
      consumer.ready().get(10, TimeUnit.SECONDS);
      producer.ready().get(10, TimeUnit.SECONDS);
      System.out.println(options.algorithm() + " token and credential accepted");
    } finally {
      hub.close();
    }
  }
}
