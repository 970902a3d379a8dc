package io.hatchet;

/**
 * Where a {@link Session} stands. Each change comes with a reason, to a {@link StateListener}.
 *
 * <pre>
 * CONNECTING ──► CONNECTED ──► DISCONNECTED ──► RECONNECTING ──► CONNECTED ...
 *     │              │               ▲                 │
 *     │              └─(refused)─► FAILED ◄────────────┘
 *     └─ close() from any state ──► CLOSED
 * </pre>
 */
public enum State {
  /** Not yet authenticated for the first time: connecting, or authenticating. */
  CONNECTING,
  /** Authenticated: requests flow. */
  CONNECTED,
  /** The connection was lost; a new attempt follows after a back-off delay. */
  DISCONNECTED,
  /** A new attempt to connect and authenticate again is under way. */
  RECONNECTING,
  /** Closed by the user, or with its {@link Hatchet}. Final. */
  CLOSED,
  /**
   * Refused for a reason retrying cannot fix (its credential), or given up by
   * {@link Hatchet.Builder#failIfNotConnectedWithin}. Final.
   */
  FAILED;

  /**
   * Whether no further change will come.
   *
   * @return true for {@link #CLOSED} and {@link #FAILED}
   */
  public boolean isFinal() {
    return this == CLOSED || this == FAILED;
  }
}
