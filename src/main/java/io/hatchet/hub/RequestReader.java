package io.hatchet.hub;

import com.google.gson.JsonArray;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.hatchet.protocol.Limits;
import io.hatchet.protocol.StrictJson;
import java.io.IOException;
import java.io.StringReader;

/**
 * Reads the JSON array of an EVENT packet as a {@link Request}, whatever it holds: what is not
 * strict JSON (see {@link StrictJson}), nests deeper than {@link Limits#MAX_NESTING} or has no
 * string name becomes a malformed request, answered {@code bad_request} with the reason.
 */
final class RequestReader {
  private RequestReader() {
  }

  /** Reads {@code ["name", arg...]}; never throws, so even a broken packet gets an answer. */
  static Request read(String text) {
    StrictJson.Result read = StrictJson.read(text, Limits.MAX_NESTING);
    if (read.why() != null) {
      return Request.malformed(nameOf(text), "the event packet " + read.why());
    }
    if (!(read.value() instanceof JsonArray event)) {
      return Request.malformed(null, "an event packet must hold a JSON array");
    }
    String name = event.isEmpty() ? null : Fields.text(event.get(0));
    if (name == null) {
      return Request.malformed(null, "an event's name must be a string");
    }
    event.remove(0);
    return Request.of(name, event);
  }

  /** The name of a refused packet, if it starts with one, for its hub-error to say. */
  private static String nameOf(String text) {
    try (JsonReader reader = new JsonReader(new StringReader(text))) {
      reader.beginArray();
      return reader.peek() == JsonToken.STRING ? reader.nextString() : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
