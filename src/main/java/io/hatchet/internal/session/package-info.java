/**
 * The sessions that share a connection: consumers, contributors and producers, each with its own
 * credential, {@link io.hatchet.internal.session.Outbox} of calls, callback lane and state; and
 * {@link io.hatchet.internal.session.Client}, the one door from {@link io.hatchet.Hatchet} in.
 * A call ({@code Call}) is a request on its way: queued, sent, answered, or sent again after a
 * reconnect; what the hub had confirmed is restored first.
 */
package io.hatchet.internal.session;
