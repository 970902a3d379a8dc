package io.hatchet;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The backend's side of an app: signs tokens for its users' consumers, puts consumers into rooms
 * and takes them out, and sends events to rooms.
 *
 * <pre>{@code
 * Producer producer = hatchet.producer("demo", ProducerOptions.builder()
 *     .producerId("backend-1")
 *     .secretKeys(secret)
 *     .build());
 * String token = producer.signAuth(Map.of("userId", "ben"));   // hand it to ben's client
 * producer.joinRoom("projects/51762b8f", consumerId);
 * producer.sendMessage("projects/51762b8f", "{\"e\":\":remove:tasks\",\"d\":\"553f\"}");
 * }</pre>
 *
 * <p>Create one with {@link Hatchet#producer}. It shares its Hatchet's connection and proves to the
 * hub that it holds one of the app's producer keys by signing a short-lived credential at every
 * connection. Requests may be made at once, before authentication: they are queued, in order,
 * bounded by {@link Hatchet.Builder#maxQueuedSends}. Requests reach the hub in call order, so a
 * {@code joinRoom} followed at once by a {@code sendMessage} reaches the joined consumer.
 *
 * <p><b>Rooms.</b> A room is a name (1 to 256 characters) holding consumer ids. Membership belongs to
 * the consumer, not to its connection: it survives the consumer's reconnects and ends when the
 * consumer is closed, or has been disconnected longer than the hub's grace period (2 minutes by
 * default). Every consumer that authenticates with a token is in the room of its user,
 * {@code "user:" + userId}. Room sends reach the members that watch the event.
 *
 * <p><b>Threads.</b> Methods are thread-safe and return immediately. Futures complete, and
 * callbacks run, on the Hatchet's callback executor, in order. {@link #close()} is idempotent.
 */
public interface Producer extends Session {

  /**
   * The name given in {@link ProducerOptions.Builder#producerId}, used in logs.
   *
   * @return the producer's name
   */
  String producerId();

  /**
   * Signs a consumer token for the user named by {@code payload}'s {@code userId}, valid for
   * {@link ProducerOptions.Builder#expiresIn}. Local: no round trip to the hub. The other entries of
   * {@code payload} become claims of the token, readable by whoever holds it.
   *
   * @param payload the token's claims, with the user's {@code userId}
   * @return the signed token, a compact JWT
   * @throws IllegalArgumentException if {@code payload} has no non-blank string {@code userId}, or
   *     sets one of the claims hatchet sets itself ({@code aud}, {@code app}, {@code exp},
   *     {@code iat})
   */
  String signAuth(Map<String, ?> payload);

  /**
   * Sends {@code message} to every consumer in {@code room} that watches the event
   * {@code "message"}; it arrives as a JSON string.
   *
   * @param room the room's name
   * @param message the text to send
   * @return the number of consumers the hub routed the event to; fails as a {@link Contributor}'s
   *     sends do
   */
  CompletableFuture<Integer> sendMessage(String room, String message);

  /**
   * Sends {@code event} with {@code data} (anything Gson encodes) to the watchers in {@code room}.
   *
   * @param room the room's name
   * @param event the event's name
   * @param data the event's data
   * @return the number of consumers the hub routed the event to; fails as a {@link Contributor}'s
   *     sends do
   */
  CompletableFuture<Integer> sendToRoom(String room, String event, Object data);

  /**
   * Sends {@code event} with {@code data} to the watchers in any of {@code rooms}; a consumer in
   * several of them receives it once.
   *
   * @param rooms the rooms' names: at least one
   * @param event the event's name
   * @param data the event's data
   * @return the number of consumers the hub routed the event to; fails as a {@link Contributor}'s
   *     sends do
   */
  CompletableFuture<Integer> sendToRooms(Collection<String> rooms, String event, Object data);

  /**
   * Puts the consumer with id {@code consumerId} (see {@link Consumer#id()}) into {@code room}.
   * Completes with {@code true} if it joined, {@code false} if it already was in the room; fails
   * with {@link RejectedException} {@code unknown_consumer} if the hub knows no such consumer.
   *
   * @param room the room's name
   * @param consumerId the consumer's {@link Consumer#id()}
   * @return whether the consumer joined
   */
  CompletableFuture<Boolean> joinRoom(String room, String consumerId);

  /**
   * {@link #joinRoom(String, String)} with a callback instead of a future.
   *
   * @param room the room's name
   * @param consumerId the consumer's {@link Consumer#id()}
   * @param callback called once, on the callback executor, with the outcome
   */
  void joinRoom(String room, String consumerId, ResultCallback<Boolean> callback);

  /**
   * Takes the consumer out of {@code room}. Completes with {@code true} if it left, {@code false}
   * if it was not in the room (or is unknown).
   *
   * @param room the room's name
   * @param consumerId the consumer's {@link Consumer#id()}
   * @return whether the consumer left
   */
  CompletableFuture<Boolean> leaveRoom(String room, String consumerId);

  /**
   * {@link #leaveRoom(String, String)} with a callback instead of a future.
   *
   * @param room the room's name
   * @param consumerId the consumer's {@link Consumer#id()}
   * @param callback called once, on the callback executor, with the outcome
   */
  void leaveRoom(String room, String consumerId, ResultCallback<Boolean> callback);

  /**
   * How many consumers with tokens for {@code userId} are connected to the hub right now.
   *
   * @param userId the user's id, as in its tokens
   * @return the number of connected consumers
   */
  CompletableFuture<Integer> consumers(String userId);


}
