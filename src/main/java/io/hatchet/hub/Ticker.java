package io.hatchet.hub;

/**
 * The clock the hub decides ages by: how old an event in a recovery window is, whether a
 * consumer's grace period or a publisher's forget period is over. A running hub has
 * {@link #SYSTEM}; a test gives its hub one that moves only when the test says (see
 * {@link HatchetHub.Builder#ticker}), so that what happens "after the grace period" or "once an
 * event is too old" depends on the test's steps, not on how busy the machine is.
 *
 * <p>Timers still wait in real time (on the hub's event loops). A timer that fires asks the
 * ticker whether its period is over and, if not, waits again for what is left; with
 * {@link #SYSTEM} it never finds itself early, as a timer never fires before its delay.
 */
interface Ticker {
  Ticker SYSTEM = System::nanoTime;

  /**
   * Nanoseconds since an arbitrary origin, as {@link System#nanoTime()}: only differences mean
   * anything, and they are compared as differences ({@code a - b < 0}), never as values, since
   * readings may wrap.
   */
  long nanoTime();
}
