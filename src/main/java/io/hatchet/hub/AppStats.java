package io.hatchet.hub;

/**
 * What one app of a hub counts, as of {@link HatchetHub#stats()}. Immutable.
 *
 * <p>Sessions are those authenticated right now; publishes and deliveries count from the hub's
 * start.
 */
public final class AppStats {
  private final int consumers;
  private final int contributors;
  private final int producers;
  private final long publishes;
  private final long deliveries;

  AppStats(int consumers, int contributors, int producers, long publishes, long deliveries) {
    this.consumers = consumers;
    this.contributors = contributors;
    this.producers = producers;
    this.publishes = publishes;
    this.deliveries = deliveries;
  }

  /**
   * Consumer sessions authenticated now. A consumer id waiting out its grace period after its
   * connection closed has no session, and does not count.
   *
   * @return how many
   */
  public int consumers() {
    return consumers;
  }

  /**
   * Contributor sessions authenticated now.
   *
   * @return how many
   */
  public int contributors() {
    return contributors;
  }

  /**
   * Producer sessions authenticated now.
   *
   * @return how many
   */
  public int producers() {
    return producers;
  }

  /**
   * Events routed: publishes from sockets and sends from the hub object. A publish answered as a
   * duplicate of one already routed is not counted again; one refused is not counted.
   *
   * @return how many since the hub started
   */
  public long publishes() {
    return publishes;
  }

  /**
   * Events routed to consumers: each publish counts once for each consumer id it reached (its
   * {@code routed}), connected or waiting out its grace period.
   *
   * @return how many since the hub started
   */
  public long deliveries() {
    return deliveries;
  }

  @Override public String toString() {
    return "AppStats{consumers=" + consumers + ", contributors=" + contributors
        + ", producers=" + producers + ", publishes=" + publishes
        + ", deliveries=" + deliveries + "}";
  }
}
