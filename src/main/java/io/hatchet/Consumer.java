package io.hatchet;

import com.google.gson.JsonElement;
import java.util.concurrent.CompletableFuture;

/**
 * Watches named events of one app and runs a handler for each one delivered.
 *
 * <p>Create one with {@link Hatchet#consumer}, with a consumer key of the app or a token signed by
 * a {@link Producer}. A token consumer's alias is the token's {@code userId} (it cannot be
 * changed), and it is in the room {@code "user:" + userId}. It shares its Hatchet's connection and authenticates
 * on it with its own app and key. Every method may be called at once, before the connection or the
 * authentication is done: requests are queued and reach the hub in call order once authenticated.
 * After a reconnect the consumer authenticates again, watches its events again and restores its
 * alias by itself.
 *
 * <p><b>Threads.</b> Methods are thread-safe and return immediately. Handlers, and the completion of
 * the returned futures, run on the Hatchet's callback executor, one at a time for this consumer, in
 * the order the hub delivered or answered; never on a socket thread, never under a library lock.
 *
 * <p><b>Closing.</b> {@link #close()} ends the session at the hub, fails what is still waiting with
 * {@link ClosedException}, and stops all handler calls. It is idempotent.
 */
public interface Consumer extends Session {

  /**
   * This consumer's id at the hub: 22 random URL-safe characters, the same for the life of this
   * object, across reconnects. Hand it to a {@link Producer} to join this consumer to rooms.
   *
   * @return the consumer's id
   */
  String id();

  /**
   * Runs {@code handler} with the data of every {@code event} delivered to this consumer, as a
   * Gson tree. Several handlers may watch one event; each is called.
   *
   * <p>The tree is shared: every handler of every consumer of this Hatchet that the event reaches
   * gets the same one, read once from the wire. Treat it as read-only; a handler that changes it
   * changes what the other handlers see. To change it, change a {@code deepCopy()}.
   *
   * @param event the event's name
   * @param handler called with the data of each delivery
   * @return completes when the hub has confirmed the watch; fails with {@link RejectedException}
   *     ({@code not_permitted}) if the key does not allow the event
   * @throws IllegalArgumentException if {@code event} is null or blank or {@code handler} is null
   */
  CompletableFuture<Void> watch(String event, EventHandler<JsonElement> handler);

  /**
   * Like {@link #watch(String, EventHandler)}, with the data decoded to {@code type} (a POJO or
   * record) by the Hatchet's Gson. Data that cannot be decoded is reported to
   * {@link HatchetListener#onCallbackError} and not handed to {@code handler}.
   *
   * <p>Decoded once per event and type: every handler of this Hatchet that watches the event
   * with the same {@code type} gets the same object. Treat it as read-only, or use immutable
   * types such as records.
   *
   * @param <T> the type the data is decoded to
   * @param event the event's name
   * @param type the class the data is decoded to
   * @param handler called with the decoded data of each delivery
   * @return completes when the hub has confirmed the watch; fails as
   *     {@link #watch(String, EventHandler)} does
   * @throws IllegalArgumentException if {@code event} is null or blank, or {@code type} or
   *     {@code handler} is null
   */
  <T> CompletableFuture<Void> watch(String event, Class<T> type, EventHandler<T> handler);

  /**
   * Stops watching {@code event}: its handlers are removed at once and are not called again, even
   * for events already on their way.
   *
   * @param event the event's name
   * @return completes when the hub has confirmed it
   */
  CompletableFuture<Void> unwatch(String event);

  /**
   * Names the user behind this consumer, so that {@link Contributor#send} can reach it. May be
   * changed at any time; {@code null} clears it. Several consumers may share an alias.
   *
   * @param alias the user's name, or null
   * @return completes when the hub has confirmed it; fails with {@link RejectedException}
   *     ({@code not_permitted}) for a token consumer, whose alias is its token's {@code userId}
   */
  CompletableFuture<Void> alias(String alias);


}
