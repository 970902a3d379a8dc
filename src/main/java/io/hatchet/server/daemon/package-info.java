/** The daemon: a pidfile locked by its hub, starting in the background, stopping by signal. */
package io.hatchet.server.daemon;
