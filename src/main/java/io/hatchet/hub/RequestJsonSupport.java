package io.hatchet.hub;

import com.corundumstudio.socketio.AckCallback;
import com.corundumstudio.socketio.protocol.AckArgs;
import com.corundumstudio.socketio.protocol.Event;
import com.corundumstudio.socketio.protocol.JacksonJsonSupport;
import com.corundumstudio.socketio.protocol.JsonSupport;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * netty-socketio's JSON layer with one change: every incoming event, whatever its name, is
 * decoded as one {@link Request} under the single name {@link #REQUEST_EVENT}.
 *
 * <p>Why: netty-socketio decodes an event's arguments into the classes registered for its name
 * and silently drops events with no registered name, without answering their acknowledgement.
 * The protocol wants an {@code unknown_event} answer for those, and {@code bad_request} (not a
 * decoder exception) for arguments of the wrong type. With every event under one name, one
 * listener sees them all, with their arguments as plain JSON trees.
 *
 * <p>{@code deliver} events are written by {@link Delivery}, from bytes encoded once per message.
 * Everything else (handshake data, acknowledgements, other events) goes to netty-socketio's own
 * {@link JacksonJsonSupport}.
 */
final class RequestJsonSupport implements JsonSupport {
  /** The one event name the hub's namespace listens to. No client-sent name ever becomes it. */
  static final String REQUEST_EVENT = "\u0000hatchet-request";

  private final JacksonJsonSupport delegate = new JacksonJsonSupport();

  /** Keeps numbers as sent (1.10 stays 1.10, 1e400 stays 1E+400) when data is written again. */
  private final ObjectMapper mapper = JsonMapper.builder()
      .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
      .build();

  /** The mapper request handlers use to write a message's data as JSON text. */
  ObjectMapper mapper() {
    return mapper;
  }

  @Override public <T> T readValue(String namespace, ByteBufInputStream src, Class<T> type)
      throws IOException {
    if (type != Event.class) {
      return delegate.readValue(namespace, src, type);
    }
    Request request = readRequest(src);
    return type.cast(new Event(REQUEST_EVENT, List.of(request)));
  }

  /** Reads {@code ["name", arg...]}; never throws, so even a broken packet gets an answer. */
  private Request readRequest(ByteBufInputStream src) throws IOException {
    String name = null;
    // The cast picks createParser(InputStream) over createParser(DataInput).
    try (JsonParser parser = mapper.createParser((InputStream) src)) {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        return Request.malformed(null, "an event packet must hold a JSON array");
      }
      if (parser.nextToken() != JsonToken.VALUE_STRING) {
        return Request.malformed(null, "an event's name must be a string");
      }
      name = parser.getText();
      List<JsonNode> args = new ArrayList<>(1);
      for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY;
          token = parser.nextToken()) {
        if (token == null) {
          return Request.malformed(name, "the event packet ends too soon");
        }
        JsonNode arg = mapper.readTree(parser);
        args.add(arg != null ? arg : NullNode.getInstance());
      }
      return Request.of(name, args);
    } catch (IOException e) {
      // Bad JSON, or past Jackson's limits (nesting depth, number length).
      return Request.malformed(name, "the event packet is not valid JSON");
    } finally {
      // The stream covers exactly this packet: leave nothing to be decoded as another one.
      src.skipBytes(src.available());
    }
  }

  @Override public AckArgs readAckArgs(ByteBufInputStream src, AckCallback<?> callback)
      throws IOException {
    return delegate.readAckArgs(src, callback);
  }

  @Override public void writeValue(ByteBufOutputStream out, Object value) throws IOException {
    // netty-socketio hands over an event as [name, args...]; deliveries are written by hand.
    if (value instanceof List<?> event && event.size() > 1 && event.get(1) instanceof Delivery) {
      Delivery.writeEvent(out.buffer(), event);
      return;
    }
    delegate.writeValue(out, value);
  }

  @Override public void addEventMapping(String namespace, String event, Class<?>... classes) {
    // Every event is decoded as a Request: nothing to map.
  }

  @Override public void removeEventMapping(String namespace, String event) {
  }

  @Override public List<byte[]> getArrays() {
    return delegate.getArrays();
  }
}
