/**
 * The one connection of a Hatchet: {@link io.hatchet.internal.connection.Connection} opens and
 * reopens it, checks it with a heartbeat, sends its sessions' requests in turn within one
 * {@link io.hatchet.internal.connection.WriteBudget}, and hands deliveries to the sessions they
 * name. Sessions see it through {@link io.hatchet.internal.connection.Link}; it sees them through
 * {@link io.hatchet.internal.connection.Member}: neither knows the other's classes.
 */
package io.hatchet.internal.connection;
