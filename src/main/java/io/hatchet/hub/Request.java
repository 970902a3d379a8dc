package io.hatchet.hub;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A request as the hub received it: the event a client sent, its name and arguments as JSON
 * trees, whatever they are, before anything is checked. {@link RequestJsonSupport} hands every
 * event to the hub as one of these, so that unknown names and wrong arguments reach
 * {@link RequestDispatcher} and get an answer; only a well-formed one reaches a
 * {@link RequestHandler}.
 */
final class Request {
  /** The event name; null if the packet had none that could be read. */
  final String name;
  final List<JsonNode> args;
  /** Why the packet could not be read, or null if it could. */
  final String malformed;

  private Request(String name, List<JsonNode> args, String malformed) {
    this.name = name;
    this.args = args;
    this.malformed = malformed;
  }

  static Request of(String name, List<JsonNode> args) {
    return new Request(name, List.copyOf(args), null);
  }

  static Request malformed(String name, String why) {
    return new Request(name, List.of(), why);
  }

  @Override public String toString() {
    return malformed != null ? "malformed " + name + ": " + malformed : name + args.size();
  }
}
