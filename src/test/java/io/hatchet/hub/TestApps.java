package io.hatchet.hub;

/** The app the hub tests run against, and a hub to run it. */
final class TestApps {
  static final String CONSUMER_KEY = "I6mMbTSOq4rCdM";
  static final String CONTRIBUTOR_KEY = "iYkrswPZVIrUMv";
  /** A consumer key that may watch only "log". */
  static final String LOG_CONSUMER_KEY = "consumer-log-only-7Hq2";
  /** A contributor key that may publish only "signup" and "log". */
  static final String SIGNUP_CONTRIBUTOR_KEY = "contributor-signup-9Xw4";

  private TestApps() {
  }

  static App demo() {
    return App.named("demo")
        .consumerKey(CONSUMER_KEY)
        .contributorKey(CONTRIBUTOR_KEY)
        .consumerKey(LOG_CONSUMER_KEY, "log")
        .contributorKey(SIGNUP_CONTRIBUTOR_KEY, "signup", "log");
  }

  static HatchetHub startHub() {
    return HatchetHub.builder().app(demo()).start();
  }
}
