package io.hatchet.hub;

import com.google.gson.JsonArray;

/**
 * A request as the hub received it: the event a client sent, its name and arguments as JSON
 * trees, whatever they are, before anything is checked. {@link RequestReader} makes one of
 * every event packet, so that unknown names and wrong arguments reach
 * {@link RequestDispatcher} and get an answer; only a well-formed one reaches a
 * {@link RequestHandler}.
 */
final class Request {
  /** The event name; null if the packet had none that could be read. */
  final String name;
  /**
   * The event's arguments after its name. Read from the packet for this request alone, and
   * changed by nobody after: handlers only read it.
   */
  final JsonArray args;
  /** Why the packet could not be read, or null if it could. */
  final String malformed;

  private Request(String name, JsonArray args, String malformed) {
    this.name = name;
    this.args = args;
    this.malformed = malformed;
  }

  static Request of(String name, JsonArray args) {
    return new Request(name, args, null);
  }

  static Request malformed(String name, String why) {
    return new Request(name, new JsonArray(0), why);
  }

  @Override public String toString() {
    return malformed != null ? "malformed " + name + ": " + malformed : name + args.size();
  }
}
