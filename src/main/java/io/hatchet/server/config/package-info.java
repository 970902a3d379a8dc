/**
 * The service's config file: YAML or JSON, {@code ${VAR}} substituted, checked by hand on the
 * parsed tree so that every error is reported at once with its field's path
 * ({@link io.hatchet.server.config.ServiceConfig#load}).
 */
package io.hatchet.server.config;
