package io.hatchet.examples;

import io.hatchet.hub.App;

/** The "demo" app every example uses, with the seed's keys and a producer secret. */
public final class DemoApp {
  public static final String NAME = "demo";
  public static final String CONSUMER_KEY = "I6mMbTSOq4rCdM";
  public static final String CONTRIBUTOR_KEY = "iYkrswPZVIrUMv";
  /** HS256 wants at least 32 bytes of secret (RFC 7518). Keep real ones out of source code. */
  public static final String PRODUCER_SECRET = "tokenXXXXXXX-a-demo-secret-of-32-bytes-or-more";

  private DemoApp() {}

  public static App app() {
    return App.named(NAME)
        .consumerKey(CONSUMER_KEY)
        .contributorKey(CONTRIBUTOR_KEY)
        .producerSecrets(PRODUCER_SECRET);
  }
}
