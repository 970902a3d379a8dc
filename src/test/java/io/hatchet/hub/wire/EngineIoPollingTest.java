package io.hatchet.hub.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatchet.hub.wire.Polling.HeldPost;
import io.hatchet.hub.wire.Reply.EngineError;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Engine.IO v4 over HTTP long-polling: POST sends, GET receives, one of each at a time. */
class EngineIoPollingTest {
  @RegisterExtension static final Target target = Target.hub();

  /** Sending data: a POST is answered 200 {@code ok}, and its packet reaches the server. */
  @Test void postIsAnsweredOkAndItsPacketIsReceived() {
    Polling session = target.polling();
    session.post("40").assertOk();
    String answer = session.next();
    assertTrue(answer.startsWith("40{\"sid\":"), answer);
  }

  /**
   * Packet encoding: packets travel separated by \x1e, in both directions, in order. (How many
   * answers a GET carries is the server's to choose: only their order and encoding are checked.)
   */
  @Test void payloadsCarrySeveralPacketsSeparatedByRecordSeparators() {
    Polling session = target.polling();
    session.connect();
    session.send(Target.ping("11"), Target.ping("12"), Target.ping("13"));
    List<String> packets = List.of(session.next(), session.next(), session.next());
    assertEquals(List.of(Target.pong("11"), Target.pong("12"), Target.pong("13")), packets);
  }

  /** Receiving data: a GET with nothing to send waits, and is answered once there is something. */
  @Test void getWaitsUntilThereIsSomethingToSend() throws Exception {
    Polling session = target.polling();
    session.connect();
    CompletableFuture<Reply> waiting = session.getAsync();
    // Time passing is what is tested: nothing to send, so no answer yet.
    assertFalse(waitQuietly(waiting, 300), () -> "answered with nothing to say: " + waiting.join());
    session.send(Target.ping("7"));
    assertEquals(List.of(Target.pong("7")), Target.await(waiting).packets());
  }

  /** Sending and receiving: an unknown or malformed sid is refused with 400 (the hub: code 1). */
  @ParameterizedTest
  @MethodSource("unknownSids")
  void unknownOrMalformedSidIsRefused(String sid) {
    String query = Target.HANDSHAKE + "&sid=" + sid;
    target.get(query).assertRefused(EngineError.UNKNOWN_SID);
    target.post(query, "40").assertRefused(EngineError.UNKNOWN_SID);
  }

  /** Sids, URL-encoded, that no server gave out. */
  static Stream<String> unknownSids() {
    return Stream.of("AAAAAAAAAAAAAAAAAAAA", "not-a-session", "%00", "%E2%82%AC", "..%2F..%2F",
        "x".repeat(1000));
  }

  /**
   * Receiving data: a second GET while one is pending is refused with 400 (the hub: code 3) and
   * closes the session; the pending one is answered with the close packet.
   */
  @Test void secondConcurrentGetIsRefusedAndClosesTheSession() {
    Polling session = target.polling();
    // Whichever the server reads first waits (there is nothing to send); the other overlaps it.
    CompletableFuture<Reply> one = session.getAsync();
    CompletableFuture<Reply> other = session.getAsync();
    List<Reply> replies = List.of(Target.await(one), Target.await(other));
    Reply refused = replies.stream().filter(r -> r.status() != 200).findFirst().orElseThrow(
        () -> new AssertionError("both GETs answered 200: " + replies));
    Reply pending = replies.get(1 - replies.indexOf(refused));
    refused.assertRefused(EngineError.BAD_REQUEST);
    assertEquals(List.of("1"), pending.packets());
    session.assertClosed();
  }

  /**
   * Sending data: a second POST while one is active is refused with 400 (the hub: code 3) and
   * closes the session. A POST is active from its head on: both bodies are held back until the
   * server has answered one of the two. (The hub answers the other one too; the reference server
   * drops its connection.)
   */
  @Test void secondConcurrentPostIsRefusedAndClosesTheSession() throws Exception {
    Polling session = target.polling();
    String body = Target.ping("5");
    try (HeldPost first = session.holdPost(body.substring(0, 3), body.length());
        HeldPost second = session.holdPost(body.substring(0, 3), body.length())) {
      Reply refused = Target.await(firstReply(first.reply, second.reply));
      refused.assertRefused(EngineError.BAD_REQUEST);
      first.finish(body.substring(3));
      second.finish(body.substring(3));
      if (Target.embedded()) {
        Target.await(first.reply);
        Target.await(second.reply);
      }
    }
    session.assertClosed();
  }

  /** A POST whose payload is not Engine.IO packets closes the session. */
  @ParameterizedTest
  @ValueSource(strings = {"abc", "9", "40\u001exyz"})
  void invalidPayloadClosesTheSession(String payload) {
    Polling session = target.polling();
    Reply reply = session.post(payload);
    if (Target.embedded()) {
      reply.assertRefused(EngineError.BAD_REQUEST); // the hub's choice: say so, with 400 code 3
    }
    session.assertClosed();
  }

  /**
   * maxPayload: a POST body of maxPayload bytes is taken; one byte more is refused with 413 (and
   * the hub closes the session).
   */
  @Test void postLargerThanMaxPayloadIsRefusedWith413() {
    Polling session = target.polling();
    int maxPayload = session.open.getInt("maxPayload");
    session.connect();
    session.send(Target.pingOfBytes("21", maxPayload, 'a'));
    assertEquals(Target.pong("21"), session.next());
    Reply reply = session.post(Target.pingOfBytes("22", maxPayload + 1, 'a'));
    assertEquals(413, reply.status(), reply::toString);
    if (Target.embedded()) {
      session.assertClosed();
    }
  }

  /** maxPayload counts bytes: a body of fewer characters but more UTF-8 bytes is refused. */
  @Test void maxPayloadCountsBytesNotCharacters() {
    Polling session = target.polling();
    int maxPayload = session.open.getInt("maxPayload");
    session.connect();
    String body = Target.pingOfBytes("23", maxPayload + 1, 'é');
    assertTrue(body.length() <= maxPayload);
    Reply reply = session.post(body);
    assertEquals(413, reply.status(), reply::toString);
  }

  /** The first of two replies to come, ignoring a failed one unless both fail. */
  private static CompletableFuture<Reply> firstReply(CompletableFuture<Reply> a,
      CompletableFuture<Reply> b) {
    CompletableFuture<Reply> first = new CompletableFuture<>();
    for (CompletableFuture<Reply> reply : List.of(a, b)) {
      reply.whenComplete((r, e) -> {
        if (e == null) {
          first.complete(r);
        } else if (a.isCompletedExceptionally() && b.isCompletedExceptionally()) {
          first.completeExceptionally(e);
        }
      });
    }
    return first;
  }

  /** True if {@code future} completes within {@code millis}; waits no longer. */
  private static boolean waitQuietly(CompletableFuture<?> future, long millis) throws Exception {
    try {
      future.get(millis, TimeUnit.MILLISECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return false;
    }
  }
}
