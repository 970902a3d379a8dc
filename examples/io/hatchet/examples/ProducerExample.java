package io.hatchet.examples;

import io.hatchet.Consumer;
import io.hatchet.Hatchet;
import io.hatchet.Producer;
import io.hatchet.ProducerOptions;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The producer's side: sign a token for a user, let that user's consumer join a room, send the
 * room a message, and take the consumer out again.
 *
 * <pre>java io.hatchet.examples.ProducerExample http://127.0.0.1:7800</pre>
 */
public final class ProducerExample {
  static final String ROOM = "projects/51762b8f78cfa9f357000011";

  /** Runs the whole exchange on {@code hatchet} and returns when it is done. */
  public static void run(Hatchet hatchet) throws Exception {
    Producer producer = hatchet.producer(DemoApp.NAME, ProducerOptions.builder()
        .producerId("testProducerId")
        .secretKeys(DemoApp.PRODUCER_SECRET)
        .build());

    // Generate a token for a consumer; in real life the backend hands it to the user's app.
    String token = producer.signAuth(Map.of("userId", "userIdxxx"));
    Consumer consumer = hatchet.consumer(DemoApp.NAME, token);
    consumer.watch("message", data -> System.out.println("room message " + data.getAsString()));
    consumer.ready().get(10, TimeUnit.SECONDS); // its watch is in effect: room sends reach it

    // Add the consumer to a room, send the room a message, remove the consumer.
    producer.joinRoom(ROOM, consumer.id(), (error, joined) ->
        System.out.println("joined " + ROOM + ": " + (error == null ? joined : error)));
    int reached = producer.sendMessage(ROOM,
        "{\"e\":\":remove:tasks\",\"d\":\"553f569aca14974c5f806a01\"}").get(10, TimeUnit.SECONDS);
    System.out.println("the room message reached " + reached + " consumer(s)");
    System.out.println("userIdxxx has " + producer.consumers("userIdxxx").get(10, TimeUnit.SECONDS)
        + " consumer(s) connected; a message to room user:userIdxxx reaches them all");
    producer.leaveRoom(ROOM, consumer.id()).get(10, TimeUnit.SECONDS);
    producer.close();
    consumer.close();
  }

  public static void main(String[] args) throws Exception {
    String url = args.length > 0 ? args[0] : "http://127.0.0.1:7800";
    try (Hatchet hatchet = Hatchet.builder(url).log(true).build()) {
      run(hatchet);
    }
  }
}
