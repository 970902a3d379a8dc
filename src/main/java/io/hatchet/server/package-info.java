/**
 * The hub as a service: {@code java -jar hatchet-hub.jar} ({@link io.hatchet.server.Main}), its
 * commands ({@code run}, {@code init}, {@code start}, {@code stop}, {@code restart},
 * {@code status}) and the running {@link io.hatchet.server.Service}. A program, not an API: it
 * is a user of the hub's public API ({@code io.hatchet.hub}) and of nothing internal, and
 * nothing else in the project uses it.
 *
 * <ul>
 *   <li>{@link io.hatchet.server.config}: the config file, read and checked with every error at
 *       once.
 *   <li>{@link io.hatchet.server.admin}: the admin HTTP API and its metrics.
 *   <li>{@link io.hatchet.server.daemon}: the pidfile, starting and stopping in the background.
 *   <li>{@link io.hatchet.server.logging}: Logback, configured from the config file.
 * </ul>
 *
 * <p>The subpackages depend on {@code config} and on the hub, never on this package or on each
 * other otherwise.
 */
package io.hatchet.server;
