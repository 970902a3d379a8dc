package io.hatchet;

import io.hatchet.internal.Checks;
import io.hatchet.internal.auth.TokenSigner;
import io.hatchet.protocol.Algorithms;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * How a {@link Producer} signs: its keys, algorithm and token lifetime. Immutable; made by
 * {@link #builder()}, whose {@link Builder#build()} checks that the first key can sign with the
 * algorithm, so a bad key fails at start-up rather than at the first token.
 */
public final class ProducerOptions {
  private final String producerId;
  private final List<String> secretKeys;
  private final Duration expiresIn;
  private final String algorithm;

  private ProducerOptions(Builder builder) {
    this.producerId = builder.producerId;
    this.secretKeys = List.copyOf(builder.secretKeys);
    this.expiresIn = builder.expiresIn;
    this.algorithm = builder.algorithm;
  }

  /**
   * A builder with the defaults: producer id {@code "producer"}, HS256, tokens valid for a day.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The producer's name.
   *
   * @return the name given to {@link Builder#producerId}
   */
  public String producerId() {
    return producerId;
  }

  /**
   * The keys as given; the first signs.
   *
   * @return the keys, unmodifiable
   */
  public List<String> secretKeys() {
    return secretKeys;
  }

  /**
   * How long consumer tokens are valid.
   *
   * @return the lifetime given to {@link Builder#expiresIn}
   */
  public Duration expiresIn() {
    return expiresIn;
  }

  /**
   * The signing algorithm.
   *
   * @return its JWA name, such as {@code HS256}
   */
  public String algorithm() {
    return algorithm;
  }

  @Override
  public String toString() {
    return "ProducerOptions{producerId=" + producerId + ", algorithm=" + algorithm
        + ", expiresIn=" + expiresIn + ", " + secretKeys.size() + " key(s)}";
  }

  /** Sets the options of a {@link ProducerOptions}; not thread-safe. */
  public static final class Builder {
    private String producerId = "producer";
    private List<String> secretKeys = List.of();
    private Duration expiresIn = Duration.ofDays(1);
    private String algorithm = "HS256";

    private Builder() {}

    /**
     * A name for this producer, used in logs and in its credential's {@code sub}.
     *
     * @param producerId a non-blank name
     * @return this builder
     */
    public Builder producerId(String producerId) {
      this.producerId = Checks.notBlank(producerId, "producerId");
      return this;
    }

    /**
     * HMAC secrets (for HS256/384/512: at least 32/48/64 bytes, as RFC 7518 requires) or
     * PEM-encoded PKCS#8 RSA or EC private keys (for RS* and ES*). The first signs; keep the others
     * listed while rotating, for reference. The hub must hold the same secrets, or the public halves.
     *
     * @param secretKeys at least one key
     * @return this builder
     * @throws IllegalArgumentException if no key is given or one is null
     */
    public Builder secretKeys(String... secretKeys) {
      Checks.notNull(secretKeys, "secretKeys");
      if (secretKeys.length == 0) throw new IllegalArgumentException("no secret key");
      for (String key : secretKeys) Checks.notNull(key, "a secret key");
      this.secretKeys = Arrays.asList(secretKeys.clone());
      return this;
    }

    /**
     * How long consumer tokens from {@link Producer#signAuth} are valid. Default one day.
     *
     * @param expiresIn a positive duration
     * @return this builder
     * @throws IllegalArgumentException if it is null, zero or negative
     */
    public Builder expiresIn(Duration expiresIn) {
      if (expiresIn == null || expiresIn.isNegative() || expiresIn.isZero()) {
        throw new IllegalArgumentException("expiresIn must be positive: " + expiresIn);
      }
      this.expiresIn = expiresIn;
      return this;
    }

    /**
     * HS256 (default), HS384, HS512, RS256, RS384, RS512, ES256, ES384 or ES512.
     *
     * @param algorithm the algorithm's JWA name
     * @return this builder
     * @throws IllegalArgumentException if it is none of those
     */
    public Builder algorithm(String algorithm) {
      this.algorithm = Algorithms.check(algorithm);
      return this;
    }

    /**
     * Checks the options and makes them.
     *
     * @return the options
     * @throws IllegalStateException if no key was given, or the first key cannot sign with the
     *     algorithm (too short a secret, a key of the wrong type or curve, a PEM that is no key)
     */
    public ProducerOptions build() {
      if (secretKeys.isEmpty()) throw new IllegalStateException("secretKeys(...) is required");
      try {
        new TokenSigner(algorithm, secretKeys.get(0)).check();
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
      return new ProducerOptions(this);
    }
  }
}
