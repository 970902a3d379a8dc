/** Logback, the service's logging backend, configured in code from the config file. */
package io.hatchet.server.logging;
