package io.hatchet;

import java.util.Collection;
import java.util.concurrent.CompletableFuture;

/**
 * Sends events of one app to its consumers: to every consumer that watches the event
 * ({@link #broadcast}) or to chosen users ({@link #send}).
 *
 * <p>Create one with {@link Hatchet#contributor}. It shares its Hatchet's connection and
 * authenticates on it with its own app and key. Sends may be made at once, before the connection or
 * the authentication is done: they are queued (up to {@link Hatchet.Builder#maxQueuedSends}) and
 * reach the hub in call order once authenticated. Each consumer receives this contributor's events
 * in send order. Sends still waiting for the hub's answer when the connection drops are sent again
 * after the reconnect, with the same sequence number, so the hub routes each of them once.
 *
 * <p><b>Futures.</b> Each returned future ends exactly once: with the number of consumers the hub
 * routed the event to; or with {@link RejectedException} ({@code not_permitted}, {@code too_large}),
 * {@link AuthenticationException}, {@link QueueFullException}, {@link ExpiredException},
 * {@link AckTimeoutException}, {@link DroppedException} (volatile sends) or {@link ClosedException}. Futures complete on the Hatchet's callback executor, in order.
 *
 * <p><b>Threads.</b> Methods are thread-safe and return immediately. {@link #close()} is idempotent.
 */
public interface Contributor extends Session {

  /**
   * Sends {@code event} with {@code data} (anything Gson can encode, or null) to every consumer of
   * the app that watches it, on any connection.
   *
   * @param event the event's name
   * @param data the event's data
   * @return the number of consumers the hub routed the event to, or a failure as listed above
   * @throws IllegalArgumentException if {@code event} is null or blank, or Gson cannot encode
   *     {@code data}
   */
  CompletableFuture<Integer> broadcast(String event, Object data);

  /**
   * Sends {@code event} with {@code data} to the consumers that watch it and whose alias is one of
   * {@code aliases}.
   *
   * @param event the event's name
   * @param data the event's data
   * @param aliases the users to reach: at least one
   * @return the number of consumers the hub routed the event to, or a failure as listed above
   * @throws IllegalArgumentException if {@code event} is null or blank, no alias is given, an alias
   *     is null or blank, or Gson cannot encode {@code data}
   */
  CompletableFuture<Integer> send(String event, Object data, String... aliases);

  /**
   * Like {@link #send(String, Object, String...)} with the aliases in a collection.
   *
   * @param event the event's name
   * @param data the event's data
   * @param aliases the users to reach: at least one
   * @return the number of consumers the hub routed the event to, or a failure as listed above
   */
  CompletableFuture<Integer> send(String event, Object data, Collection<String> aliases);

  /**
   * Like {@link #broadcast}, for data worthless when late (a cursor position, a live price): sent
   * only if this contributor is connected right now, never queued and never sent again. Otherwise,
   * or if the connection drops before the hub answers, the future fails with
   * {@link DroppedException}.
   *
   * @param event the event's name
   * @param data the event's data
   * @return the number of consumers the hub routed the event to, or a failure as listed above
   * @throws IllegalArgumentException as {@link #broadcast} does
   */
  CompletableFuture<Integer> broadcastVolatile(String event, Object data);

  /**
   * Like {@link #send(String, Object, String...)}, volatile as {@link #broadcastVolatile}.
   *
   * @param event the event's name
   * @param data the event's data
   * @param aliases the users to reach: at least one
   * @return the number of consumers the hub routed the event to, or a failure as listed above
   * @throws IllegalArgumentException as {@link #send(String, Object, String...)} does
   */
  CompletableFuture<Integer> sendVolatile(String event, Object data, String... aliases);

  /**
   * Like {@link #send(String, Object, Collection)}, volatile as {@link #broadcastVolatile}.
   *
   * @param event the event's name
   * @param data the event's data
   * @param aliases the users to reach: at least one
   * @return the number of consumers the hub routed the event to, or a failure as listed above
   * @throws IllegalArgumentException as {@link #send(String, Object, String...)} does
   */
  CompletableFuture<Integer> sendVolatile(String event, Object data, Collection<String> aliases);

}
