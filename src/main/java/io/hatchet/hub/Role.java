package io.hatchet.hub;

/** What a session may do, decided by the key or token it authenticated with. */
enum Role {
  /** Watches events; a consumer key or a consumer token. */
  CONSUMER("consumer"),
  /** Publishes events; a contributor key. */
  CONTRIBUTOR("contributor"),
  /** Publishes to rooms and manages them; a producer credential signed with a producer key. */
  PRODUCER("producer");

  /** The name on the wire, in the {@code role} fields of {@code auth} and its answer. */
  final String wireName;

  Role(String wireName) {
    this.wireName = wireName;
  }

  /** Returns the role of this wire name, or null if there is none. */
  static Role fromWire(String name) {
    for (Role role : values()) {
      if (role.wireName.equals(name)) {
        return role;
      }
    }
    return null;
  }
}
