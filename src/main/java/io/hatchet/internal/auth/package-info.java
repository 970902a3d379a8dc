/**
 * Credentials: {@link io.hatchet.internal.auth.TokenSigner} signs a producer's consumer tokens
 * and its own credential; {@link io.hatchet.internal.auth.TokenCache} asks a consumer's
 * {@link io.hatchet.TokenProvider} for tokens, on that consumer's callback lane.
 */
package io.hatchet.internal.auth;
