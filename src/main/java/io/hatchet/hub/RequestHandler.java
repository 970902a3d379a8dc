package io.hatchet.hub;

import com.google.gson.JsonObject;

/** Carries out one kind of request. Handlers are stateless and shared by all connections. */
interface RequestHandler {
  /**
   * Carries out {@code request} for {@code connection} and returns the success answer. Called
   * on the connection's event loop, one request of a connection at a time.
   *
   * @param request the request's argument, always a JSON object
   * @throws RequestException to answer with an error instead
   */
  JsonObject handle(Connection connection, JsonObject request) throws RequestException;

  /**
   * Called right after the answer to {@code request} was handed to the connection (or would
   * have been, for a request sent without acknowledgement), whether {@link #handle} succeeded or
   * not, on the same thread: for what must reach the client after the answer. Does nothing by
   * default.
   */
  default void answered(Connection connection, JsonObject request) {
  }
}
