/**
 * The hatchet hub: an embeddable socket.io server that routes events from contributors and
 * producers to consumers, keeps the rooms producers put consumers in, and keeps each consumer's
 * recent events for it to recover after a reconnect. Start one with
 * {@link io.hatchet.hub.HatchetHub#builder()}; describe who may connect with
 * {@link io.hatchet.hub.App}. Everything else in this package is package-private.
 */
package io.hatchet.hub;
