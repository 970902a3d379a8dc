package io.hatchet.hub;

import java.util.concurrent.CompletionStage;

/**
 * Sees every publish of a contributor or producer before the hub routes it, and may pass it,
 * route other data in its place, or refuse it: moderation, enrichment, an application's own
 * permissions. Set with {@link HatchetHub.Builder#messageHook}. The hub's own sends
 * ({@code hub.broadcast} and the others) do not pass through it.
 *
 * <pre>{@code
 * HatchetHub.builder()
 *     .app(App.named("chat").contributorKey("chat-key"))
 *     .messageHook(publish -> CompletableFuture.completedFuture(
 *         publish.data().toString().contains("spam")
 *             ? Verdict.reject("spam", "no spam here")
 *             : Verdict.pass()))
 *     .start();
 * }</pre>
 *
 * <h2>Order</h2>
 * The hub asks about several publishes of one connection at once, without waiting for the
 * earlier verdicts, but routes and answers them in the order they were sent: a publish is never
 * routed before an earlier one of its connection has its verdict. At most
 * {@link HatchetHub.Builder#maxPendingHookRequests} requests of a connection, of
 * {@link HatchetHub.Builder#maxPendingHookChars} characters together, wait at once; more are
 * refused {@code too_many}.
 *
 * <h2>Threads</h2>
 * {@link #check} is called on one of the hub's hook threads, named
 * {@code hatchet-hub-<n>-hooks-<k>}, never on an event loop; the stage it returns may complete
 * on any thread. Work that waits (a backend call) is better done in that stage than before
 * returning it, which holds a hook thread.
 *
 * <h2>Failures</h2>
 * A hook that throws, returns null, completes its stage with null or exceptionally, or does not
 * complete it within {@link HatchetHub.Builder#hookTimeout} fails this publish only, with
 * {@code hook_failed} or {@code hook_timeout} (a stage failed with a
 * {@link java.util.concurrent.TimeoutException} counts as timed out): it is not routed, the hub
 * logs it at WARN, and everyone else is served meanwhile. A verdict that comes after the timeout
 * is ignored.
 */
@FunctionalInterface
public interface MessageHook {
  /**
   * Decides about one publish.
   *
   * @param publish the publish and the session that sent it
   * @return a stage that completes with the verdict
   */
  CompletionStage<Verdict> check(PublishContext publish);
}
