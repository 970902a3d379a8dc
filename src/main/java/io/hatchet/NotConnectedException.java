package io.hatchet;

import io.hatchet.protocol.ErrorCode;

/**
 * The {@link Hatchet} could not open its connection within
 * {@link Hatchet.Builder#failIfNotConnectedWithin} and gave up: {@link Session#ready()} and every
 * request queued meanwhile fail with this, and so does everything asked of the Hatchet after.
 * {@link #url()} and {@link #reason()} say where it tried to connect and why the last attempt
 * failed (for example "connection refused (nothing listens at that address and port)").
 */
public final class NotConnectedException extends HatchetException {
  /** The hub's URL, as given to the Hatchet. */
  private final String url;
  /** Why the last attempt to connect failed. */
  private final String reason;

  /**
   * @param url the hub's URL, as given to the Hatchet
   * @param reason why the last attempt to connect failed, in words
   * @param message the whole story, for people
   */
  public NotConnectedException(String url, String reason, String message) {
    super(ErrorCode.NOT_CONNECTED.wireName(), message);
    this.url = url;
    this.reason = reason;
  }

  /**
   * The hub's URL, as given to the Hatchet.
   *
   * @return the URL
   */
  public String url() {
    return url;
  }

  /**
   * Why the last attempt to connect failed, in words.
   *
   * @return the reason
   */
  public String reason() {
    return reason;
  }
}
