/**
 * The hub's hooks as calls to an application's backend over HTTP: {@link
 * io.hatchet.server.hooks.HttpAuthorizer} asks it about every {@code auth}, {@link
 * io.hatchet.server.hooks.HttpMessageHook} about every publish, each with a POST of JSON that it
 * answers with JSON (README, "Hooks").
 */
package io.hatchet.server.hooks;
