package io.hatchet.hub;

import java.util.Set;

/**
 * One consumer id as the hub knows it, as of {@link HatchetHub#consumersOf}. Immutable.
 */
public final class ConsumerInfo {
  private final String id;
  private final String userId;
  private final boolean connected;
  private final Set<String> rooms;

  ConsumerInfo(String id, String userId, boolean connected, Set<String> rooms) {
    this.id = id;
    this.userId = userId;
    this.connected = connected;
    this.rooms = Set.copyOf(rooms);
  }

  /**
   * The consumer id: what {@code Consumer.id()} says on the client, and what
   * {@link HatchetHub#join} takes.
   *
   * @return the id
   */
  public String id() {
    return id;
  }

  /**
   * The user the consumer authenticated as.
   *
   * @return the user id
   */
  public String userId() {
    return userId;
  }

  /**
   * Whether it has a session now; false while it waits out its grace period after its
   * connection closed (events routed to it meanwhile are kept for it to recover).
   *
   * @return true if connected
   */
  public boolean connected() {
    return connected;
  }

  /**
   * The rooms it is in, its user room {@code user:<userId>} included.
   *
   * @return an immutable set
   */
  public Set<String> rooms() {
    return rooms;
  }

  @Override public String toString() {
    return "ConsumerInfo{" + id + ", user=" + userId + (connected ? ", connected" : "")
        + ", rooms=" + rooms + "}";
  }
}
