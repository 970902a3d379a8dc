package io.hatchet.hub;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Carries out one kind of request. Handlers are stateless and shared by all connections. */
interface RequestHandler {
  /**
   * Carries out {@code request} for {@code connection} and returns the success answer. Called
   * on the connection's event loop, one request of a connection at a time.
   *
   * @param request the request's argument, always a JSON object
   * @throws RequestException to answer with an error instead
   */
  ObjectNode handle(Connection connection, ObjectNode request) throws RequestException;
}
