package io.hatchet.hub;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One event as a client sent it: its name and arguments as JSON trees, whatever they are.
 * {@link RequestJsonSupport} hands every event to the hub as one of these, so that unknown names
 * and wrong arguments reach {@link RequestDispatcher} and get an answer.
 */
final class InboundRequest {
  /** The event name; null if the packet had none that could be read. */
  final String name;
  final List<JsonNode> args;
  /** Why the packet could not be read, or null if it could. */
  final String malformed;

  private InboundRequest(String name, List<JsonNode> args, String malformed) {
    this.name = name;
    this.args = args;
    this.malformed = malformed;
  }

  static InboundRequest of(String name, List<JsonNode> args) {
    return new InboundRequest(name, List.copyOf(args), null);
  }

  static InboundRequest malformed(String name, String why) {
    return new InboundRequest(name, List.of(), why);
  }

  @Override public String toString() {
    return malformed != null ? "malformed " + name + ": " + malformed : name + args.size();
  }
}
