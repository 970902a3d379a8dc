package io.hatchet.hub;

/**
 * The bounds the hub keeps on what clients make it hold, set with {@link HatchetHub.Builder}.
 * Each is refused with {@code too_many} when reached (PROTOCOL.md, "Limits"); a value of 0 for
 * the two that can be off turns them off.
 *
 * @param sessionsPerConnection sessions authenticated at once on one connection
 * @param watchesPerConsumer events one consumer id watches at once
 * @param roomsPerConsumer rooms one consumer id is in at once
 * @param publishersPerApp publisher ids one app remembers at once
 * @param targetsPerPublish aliases in a publish's {@code to}, or rooms in its {@code rooms}
 * @param connectionsPerIp connections from one IP address at once; 0: no bound
 * @param requestsPerSecond requests one connection may send per second, in bursts of as many;
 *     0: no bound
 */
record HubLimits(int sessionsPerConnection, int watchesPerConsumer, int roomsPerConsumer,
    int publishersPerApp, int targetsPerPublish, int connectionsPerIp, int requestsPerSecond) {
  static final HubLimits DEFAULTS = new HubLimits(2_048, 1_024, 1_024, 100_000, 1_024, 0, 0);

  /** The refusal of reaching {@code what}'s bound of {@code limit}. */
  static RequestException reached(String what, long limit) {
    return new RequestException(io.hatchet.protocol.ErrorCode.TOO_MANY,
        what + ": the hub's limit is " + limit);
  }
}
