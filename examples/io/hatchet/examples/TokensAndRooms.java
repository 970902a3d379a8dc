package io.hatchet.examples;

import io.hatchet.Consumer;
import io.hatchet.Hatchet;
import io.hatchet.Producer;
import io.hatchet.ProducerOptions;
import io.hatchet.hub.App;
import io.hatchet.hub.HatchetHub;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The README's "Producers, tokens and rooms", as it is printed there: a backend signs a token for
 * a user, the user's consumer connects with it, and the backend puts it into a room and sends to
 * the room.
 *
 * <pre>java io.hatchet.examples.TokensAndRooms</pre>
 */
public final class TokensAndRooms {
  private TokensAndRooms() {}

  public static void main(String[] args) throws Exception {
    // README: Producers, tokens and rooms
    // The hub trusts producers that hold one of the app's producer secrets.
    String secret = "tokenXXXXXXX-a-demo-secret-of-32-bytes-or-more";   // keep real ones out of source code
    HatchetHub hub = HatchetHub.builder()
        .app(App.named("demo").consumerKey("I6mMbTSOq4rCdM").contributorKey("iYkrswPZVIrUMv")
            .producerSecrets(secret))                       // HMAC secrets, >= 32 bytes for HS256
        .start();
    Hatchet hatchet = Hatchet.connect(hub.url());

    // The backend.
    Producer producer = hatchet.producer("demo", ProducerOptions.builder()
        .producerId("backend-1")                            // for logs
        .secretKeys(secret)                                 // the first signs
        .expiresIn(Duration.ofDays(1))                      // token lifetime (default one day)
        .algorithm("HS256")                                 // default; HS384/512, RS256/384/512, ES256/384/512
        .build());
    String token = producer.signAuth(Map.of("userId", "userIdxxx"));   // local, no round trip

    // The user's app: the credential may be a consumer key or a token.
    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    Consumer consumer = hatchet.consumer("demo", token);
    consumer.watch("message", data -> received.add(data.getAsString()));
    consumer.watch("task", data -> received.add("task " + data));
    consumer.ready().get(10, TimeUnit.SECONDS);             // authenticated, its watches in effect
    String id = consumer.id();                              // same for the life of the object

    // The backend again. Its requests reach the hub in order: the sends follow the join.
    producer.joinRoom("projects/51762b8f", id);            // CompletableFuture<Boolean>: changed or not
    producer.sendMessage("projects/51762b8f", "{\"e\":\":remove:tasks\",\"d\":\"553f\"}")
        .thenAccept(routed -> System.out.println("the message reached " + routed + " consumer(s)"));
    producer.sendToRoom("projects/51762b8f", "task", Map.of("id", "553f"));   // any event, any data
    producer.sendToRooms(List.of("projects/51762b8f", "user:userIdxxx"), "task",
        Map.of("id", "554a"));                              // each consumer once, though in both rooms
    for (int i = 0; i < 3; i++) System.out.println(received.poll(10, TimeUnit.SECONDS));
    producer.leaveRoom("projects/51762b8f", id,
        (error, left) -> System.out.println("left: " + left));            // Node-style callbacks too
    int devices = producer.consumers("userIdxxx").get(10, TimeUnit.SECONDS);
    System.out.println("userIdxxx has " + devices + " device(s) connected");
    hatchet.close();
    hub.close();
    // README end
  }
}
