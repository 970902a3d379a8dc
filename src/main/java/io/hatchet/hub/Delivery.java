package io.hatchet.hub;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import java.io.IOException;
import java.util.List;

/**
 * The argument of a {@code deliver} event: {@code {"event", "data", "sessions"}}.
 *
 * <p>{@code data} is JSON text encoded once per publish and written raw into every connection's
 * packet, so fanning out to many connections does not encode the message again for each.
 */
final class Delivery extends JsonSerializable.Base {
  private final String event;
  private final String dataJson;
  private final List<String> sessions;

  Delivery(String event, String dataJson, List<String> sessions) {
    this.event = event;
    this.dataJson = dataJson;
    this.sessions = sessions;
  }

  @Override public void serialize(JsonGenerator out, SerializerProvider provider)
      throws IOException {
    out.writeStartObject();
    out.writeStringField("event", event);
    out.writeFieldName("data");
    out.writeRawValue(dataJson);
    out.writeArrayFieldStart("sessions");
    for (String session : sessions) {
      out.writeString(session);
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
    return "Delivery{" + event + " to " + sessions + "}";
  }
}
