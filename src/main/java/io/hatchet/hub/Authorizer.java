package io.hatchet.hub;

import java.util.concurrent.CompletionStage;

/**
 * Decides who a client is: the hub asks it about every {@code auth} request, so that an
 * application can accept its own sessions or access tokens instead of, or besides, the apps'
 * keys and tokens. Set with {@link HatchetHub.Builder#authorizer}.
 *
 * <pre>{@code
 * HatchetHub.builder()
 *     .app(App.named("chat"))
 *     .authorizer(context -> sessions.lookup(context.cookie("sid"))   // your own, asynchronous
 *         .thenApply(user -> user == null
 *             ? Authorization.reject("please log in", Map.of("login", "/login"))
 *             : Authorization.accept(Identity.consumer("chat", user.id()), user.friends())))
 *     .start();
 * }</pre>
 *
 * <h2>Threads</h2>
 * {@link #authorize} is called on one of the hub's hook threads, named
 * {@code hatchet-hub-<n>-hooks-<k>}, never on an event loop: it may take its time to return its
 * stage, though it holds a thread meanwhile; work that waits (a backend call) is better done in
 * the stage it returns. That stage may complete on any thread. The connection's later requests
 * wait for the answer, so that they are handled in the order they were sent.
 *
 * <h2>Failures</h2>
 * An authorizer that throws, returns null, completes its stage with null or exceptionally, or
 * does not complete it within {@link HatchetHub.Builder#hookTimeout} fails this {@code auth}
 * only, with {@code hook_failed} or {@code hook_timeout} (a stage failed with a
 * {@link java.util.concurrent.TimeoutException} counts as timed out); the hub logs it at WARN and
 * goes on serving everyone else. An answer that comes after the timeout is ignored.
 */
@FunctionalInterface
public interface Authorizer {
  /**
   * Decides about one {@code auth}.
   *
   * @param context what the client presented: the request, its connection's handshake, and the
   *     session's data, which this call may fill for the {@link MessageHook}
   * @return a stage that completes with the decision
   */
  CompletionStage<Authorization> authorize(AuthContext context);
}
