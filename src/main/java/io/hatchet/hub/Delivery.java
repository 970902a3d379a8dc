package io.hatchet.hub;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import java.io.IOException;
import java.util.List;

/**
 * The argument of a {@code deliver} event: {@code {"event", "data", "sessions", "seqs"}}, the
 * message's number for each session at the same index.
 *
 * <p>{@code data} is the {@link Message}'s JSON text, encoded once per publish and written raw
 * into every connection's packet, so fanning out to many connections does not encode the message
 * again for each. Serialized later, on the connection's event loop: never changed once made.
 */
final class Delivery extends JsonSerializable.Base {
  private final Message message;
  private final List<String> sessions;
  private final long[] seqs;

  Delivery(Message message, List<String> sessions, long[] seqs) {
    this.message = message;
    this.sessions = sessions;
    this.seqs = seqs;
  }

  @Override public void serialize(JsonGenerator out, SerializerProvider provider)
      throws IOException {
    out.writeStartObject();
    out.writeStringField("event", message.event);
    out.writeFieldName("data");
    out.writeRawValue(message.dataJson);
    out.writeArrayFieldStart("sessions");
    for (String session : sessions) {
      out.writeString(session);
    }
    out.writeEndArray();
    out.writeArrayFieldStart("seqs");
    for (long seq : seqs) {
      out.writeNumber(seq);
    }
    out.writeEndArray();
    out.writeEndObject();
  }

  @Override public void serializeWithType(
      JsonGenerator out, SerializerProvider provider, TypeSerializer typeSerializer)
      throws IOException {
    serialize(out, provider);
  }

  @Override public String toString() {
    return "Delivery{" + message.event + " to " + sessions + "}";
  }
}
