package io.hatchet.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.hatchet.Await;
import io.hatchet.HatchetException;
import io.hatchet.internal.session.Call.Kind;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** One request's two outcomes: one of them, once. */
class CallTest {
  private final Calls calls = new Calls();
  private final Answer answer = new Answer(new JsonObject());

  @Test void acceptRunsOnce() {
    Call call = calls.call("publish", "{}", Kind.NORMAL);
    call.accept(answer);
    call.accept(answer);
    assertEquals(List.of("accepted publish"), calls.outcomes);
  }

  @Test void failRunsOnce() {
    Call call = calls.call("publish", "{}", Kind.NORMAL);
    call.fail(Calls.failure("timeout"));
    call.fail(Calls.failure("closed"));
    assertEquals(List.of("failed publish: timeout"), calls.outcomes);
  }

  @Test void nothingRunsAfterAccept() {
    Call call = calls.call("publish", "{}", Kind.NORMAL);
    call.accept(answer);
    call.fail(Calls.failure("closed"));
    assertEquals(List.of("accepted publish"), calls.outcomes);
  }

  @Test void nothingRunsAfterFail() {
    Call call = calls.call("publish", "{}", Kind.VOLATILE);
    call.fail(Calls.failure("dropped"));
    call.accept(answer);
    assertEquals(List.of("failed publish: dropped"), calls.outcomes);
  }

  @Test void anOnAcceptedThatThrowsFailsTheCallAsInternal() {
    IllegalStateException bug = new IllegalStateException("no such field");
    Call call = calls.call("watch", "{}", Kind.NORMAL, a -> {
      throw bug;
    });
    CompletableFuture<Object> future = new CompletableFuture<>();
    Call withFuture = new Call("watch", "{}", 0, 0, Kind.NORMAL, a -> {
      throw bug;
    }, future::completeExceptionally);

    call.accept(answer);
    withFuture.accept(answer);

    assertEquals(List.of("failed watch: internal"), calls.outcomes);
    HatchetException failure = Await.failure(future, HatchetException.class);
    assertEquals("internal", failure.code());
    assertSame(bug, failure.getCause());
    assertTrue(failure.getMessage().contains("watch"), failure.getMessage());
    call.fail(Calls.failure("closed"));
    call.accept(answer);
    assertEquals(1, calls.outcomes.size(), "still one outcome");
  }

  @Test void anOutcomeForgetsTheEmission() {
    Calls.Emission accepted = new Calls.Emission();
    Calls.Emission failed = new Calls.Emission();
    Call one = calls.call("a", "{}", Kind.NORMAL);
    Call two = calls.call("b", "{}", Kind.NORMAL);
    one.sent = accepted;
    two.sent = failed;
    one.accept(answer);
    two.fail(Calls.failure("timeout"));
    assertEquals(1, accepted.cancels);
    assertEquals(1, failed.cancels);
    assertNull(one.sent);
    assertNull(two.sent);
  }

  @Test void unsendForgetsTheEmissionOnly() {
    Calls.Emission emission = new Calls.Emission();
    Call call = calls.call("publish", "{}", Kind.NORMAL);
    call.sent = emission;
    call.unsend();
    call.unsend();
    assertEquals(1, emission.cancels);
    assertEquals(List.of(), calls.outcomes);
    call.accept(answer);
    assertEquals(List.of("accepted publish"), calls.outcomes, "still open after unsend");
  }

  @Test void theSequenceNumberJoinsTheArgumentWhenGiven() {
    Call call = calls.call("publish", "{\"event\":\"e\"}", Kind.NORMAL);
    assertEquals("{\"event\":\"e\"}", call.wireJson());
    call.seq = 12;
    assertEquals("{\"event\":\"e\",\"seq\":12}", call.wireJson());
  }
}
