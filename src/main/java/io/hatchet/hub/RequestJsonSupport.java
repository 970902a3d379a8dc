package io.hatchet.hub;

import com.corundumstudio.socketio.AckCallback;
import com.corundumstudio.socketio.protocol.AckArgs;
import com.corundumstudio.socketio.protocol.Event;
import com.corundumstudio.socketio.protocol.JacksonJsonSupport;
import com.corundumstudio.socketio.protocol.JsonSupport;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.hatchet.protocol.Limits;
import io.hatchet.protocol.StrictJson;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * netty-socketio's JSON layer with one change: every incoming event, whatever its name, is
 * decoded as one {@link Request} under the single name {@link #REQUEST_EVENT}, its arguments as
 * Gson trees read by {@link StrictJson}; and what the hub sends, its answers and events, is
 * written from those trees by {@link JsonBytes}.
 *
 * <p>Why: netty-socketio decodes an event's arguments into the classes registered for its name
 * and silently drops events with no registered name, without answering their acknowledgement.
 * The protocol wants an {@code unknown_event} answer for those, and {@code bad_request} (not a
 * decoder exception) for arguments of the wrong type. With every event under one name, one
 * listener sees them all, with their arguments as plain JSON trees.
 *
 * <p>{@code deliver} events are written by {@link Delivery}, from bytes encoded once per message.
 * What netty-socketio reads and writes for itself (the handshake, a client's auth payload,
 * acknowledgements of events the hub never asks for) goes to its own {@link JacksonJsonSupport}.
 */
final class RequestJsonSupport implements JsonSupport {
  /** The one event name the hub's namespace listens to. No client-sent name ever becomes it. */
  static final String REQUEST_EVENT = "\u0000hatchet-request";

  private final JacksonJsonSupport delegate = new JacksonJsonSupport();

  @Override public <T> T readValue(String namespace, ByteBufInputStream src, Class<T> type)
      throws IOException {
    if (type != Event.class) {
      return delegate.readValue(namespace, src, type);
    }
    // The stream covers exactly this packet: read it all, leaving nothing to decode as another.
    byte[] packet = new byte[src.available()];
    src.readFully(packet);
    return type.cast(new Event(REQUEST_EVENT, List.of(readRequest(packet))));
  }

  /** Reads {@code ["name", arg...]}; never throws, so even a broken packet gets an answer. */
  static Request readRequest(byte[] packet) {
    String text = utf8(packet);
    if (text == null) {
      return Request.malformed(null, "the event packet is not valid UTF-8");
    }
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

  /**
   * {@code packet} decoded, or null if it is not UTF-8. The JDK's decoding puts U+FFFD where a
   * byte is wrong: only a packet that holds one is decoded again, strictly, to tell.
   */
  private static String utf8(byte[] packet) {
    String text = new String(packet, StandardCharsets.UTF_8);
    if (text.indexOf('\uFFFD') < 0) {
      return text;
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(packet)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
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

  @Override public AckArgs readAckArgs(ByteBufInputStream src, AckCallback<?> callback)
      throws IOException {
    return delegate.readAckArgs(src, callback);
  }

  /**
   * netty-socketio hands over an event as {@code [name, args...]} and an acknowledgement as
   * {@code [args...]}: the hub's are Gson trees, or deliveries, written here. Anything else is
   * netty-socketio's own.
   */
  @Override public void writeValue(ByteBufOutputStream out, Object value) throws IOException {
    if (value instanceof List<?> list && list.size() > 1 && list.get(1) instanceof Delivery) {
      Delivery.writeEvent(out.buffer(), list);
    } else if (value instanceof List<?> list && isHubs(list)) {
      JsonBytes json = new JsonBytes(256).raw('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          json.raw(',');
        }
        Object arg = list.get(i);
        if (arg instanceof String name) {
          json.string(name);
        } else {
          json.value((JsonElement) arg);
        }
      }
      json.raw(']').writeTo(out.buffer());
    } else {
      delegate.writeValue(out, value);
    }
  }

  /** Whether {@code list} is an event name and Gson trees, or Gson trees alone. */
  private static boolean isHubs(List<?> list) {
    for (int i = 0; i < list.size(); i++) {
      Object arg = list.get(i);
      if (!(arg instanceof JsonElement || i == 0 && arg instanceof String)) {
        return false;
      }
    }
    return !list.isEmpty();
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
