/**
 * The client's internals, not an API: they change freely between releases. What every part
 * shares sits here (settings, log, threads, the callback lanes, JSON helpers, argument checks);
 * the parts sit beneath, each by the reason it changes, and depend on each other in one
 * direction only: {@code session} on {@code connection} and {@code auth}, {@code connection} on
 * {@code engineio}, all of them on this package and on {@code io.hatchet.protocol}.
 *
 * <ul>
 *   <li>{@link io.hatchet.internal.engineio}: the wire: Engine.IO and socket.io packets as pure
 *       functions, and the OkHttp WebSocket that speaks them.
 *   <li>{@link io.hatchet.internal.connection}: the link: connect, reconnect with back-off,
 *       heartbeat, the one write budget of the connection, routing of deliveries to sessions.
 *   <li>{@link io.hatchet.internal.session}: the sessions: consumers, contributors, producers,
 *       their outboxes, answers, and what they restore after a reconnect.
 *   <li>{@link io.hatchet.internal.auth}: the credentials: token signing, the token cache.
 * </ul>
 *
 * <p>Threads: one connection thread per Hatchet ({@code hatchet-N-io}) owns all state of the
 * connection and its sessions; user code runs only on the callback lanes
 * ({@link io.hatchet.internal.SerialExecutor}).
 */
package io.hatchet.internal;
