package io.hatchet.hub;

/** What a session may do, decided by the key it authenticated with. */
enum Role {
  CONSUMER("consumer"),
  CONTRIBUTOR("contributor");

  /** The name on the wire, in the {@code role} field of an {@code auth} answer. */
  final String wireName;

  Role(String wireName) {
    this.wireName = wireName;
  }
}
