package io.hatchet.internal.session;

import io.hatchet.Producer;
import io.hatchet.ProducerOptions;
import io.hatchet.ResultCallback;
import io.hatchet.internal.Checks;
import io.hatchet.internal.auth.TokenSigner;
import io.hatchet.internal.connection.Link;
import io.hatchet.protocol.Events;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The {@link Producer} behind {@code Hatchet.producer}. */
final class RealProducer extends AbstractSession implements Producer {
  private final ProducerOptions options;
  private final TokenSigner signer;

  private RealProducer(Link link, String app, ProducerOptions options, TokenSigner signer) {
    // A fresh credential at every authentication: an old one may have expired meanwhile.
    super(link, "p", app, lane -> () -> CompletableFuture.completedFuture(
        signer.producerCredential(app, options.producerId())));
    this.options = options;
    this.signer = signer;
  }

  /** A producer on {@code link}, authenticating as soon as it can. */
  static RealProducer open(Link link, String app, ProducerOptions options) {
    Checks.notNull(options, "options");
    TokenSigner signer = new TokenSigner(options.algorithm(), options.secretKeys().get(0));
    RealProducer producer = new RealProducer(link, app, options, signer);
    producer.start();
    return producer;
  }

  @Override
  String role() {
    return "producer";
  }

  @Override
  List<Call> restoreCalls() {
    return List.of(); // rooms live at the hub with their consumers, not with the producer
  }

  @Override
  public String producerId() {
    return options.producerId();
  }

  @Override
  public String signAuth(Map<String, ?> payload) {
    return signer.consumerToken(app, payload, options.expiresIn());
  }

  @Override
  public CompletableFuture<Integer> sendMessage(String room, String message) {
    Checks.notNull(message, "message");
    return sendToRoom(room, "message", message);
  }

  @Override
  public CompletableFuture<Integer> sendToRoom(String room, String event, Object data) {
    return sendToRooms(List.of(Checks.name(room, "room")), event, data);
  }

  @Override
  public CompletableFuture<Integer> sendToRooms(Collection<String> rooms, String event,
      Object data) {
    return publish(event, data, "rooms", names(rooms, "room"), false);
  }

  @Override
  public CompletableFuture<Boolean> joinRoom(String room, String consumerId) {
    return membership(Events.JOIN, room, consumerId);
  }

  @Override
  public void joinRoom(String room, String consumerId, ResultCallback<Boolean> callback) {
    whenDone(joinRoom(room, consumerId), callback);
  }

  @Override
  public CompletableFuture<Boolean> leaveRoom(String room, String consumerId) {
    return membership(Events.LEAVE, room, consumerId);
  }

  @Override
  public void leaveRoom(String room, String consumerId, ResultCallback<Boolean> callback) {
    whenDone(leaveRoom(room, consumerId), callback);
  }

  @Override
  public CompletableFuture<Integer> consumers(String userId) {
    String json = request().string("userId", Checks.name(userId, "userId")).end();
    return enqueue(Events.CONSUMERS, json, answer -> answer.optInt("consumers"));
  }

  private CompletableFuture<Boolean> membership(String request, String room, String consumerId) {
    String json = request().string("room", Checks.name(room, "room"))
        .string("consumer", Checks.id(consumerId, "consumerId")).end();
    return enqueue(request, json, answer -> answer.optBoolean("changed"));
  }

  private static <T> void whenDone(CompletableFuture<T> future, ResultCallback<T> callback) {
    Checks.notNull(callback, "callback");
    // The future completes on the callback executor, so the callback runs there too.
    future.whenComplete((result, error) -> callback.onResult(error, result));
  }

  @Override
  public String toString() {
    return "producer " + name + " '" + options.producerId() + "' of app '" + app + "'";
  }
}
