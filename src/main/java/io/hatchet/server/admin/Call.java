package io.hatchet.server.admin;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.hatchet.protocol.Limits;
import io.hatchet.protocol.StrictJson;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One admin call as its handler sees it: the path's parameters, the query, and the body, read
 * as the same strict JSON the hub reads from sockets.
 */
final class Call {
  private final String method;
  private final String path;
  private final Map<String, String> params;
  private final Map<String, List<String>> query;
  private final String contentType;
  private final byte[] body;

  Call(String method, String path, Map<String, String> params, Map<String, List<String>> query,
      String contentType, byte[] body) {
    this.method = method;
    this.path = path;
    this.params = params;
    this.query = query;
    this.contentType = contentType;
    this.body = body;
  }

  String method() {
    return method;
  }

  String path() {
    return path;
  }

  /** A parameter of the path, like {@code app} in {@code /apps/{app}/publish}. */
  String param(String name) {
    return params.get(name);
  }

  /** A query parameter given once, or null; given twice, refused. */
  String query(String name) {
    List<String> values = query.get(name);
    if (values == null || values.isEmpty()) return null;
    if (values.size() > 1) throw AdminException.badRequest("?" + name + " is given twice");
    return values.get(0);
  }

  /**
   * The body, read as strict JSON. {@code formAllowed}: a form content type is read as JSON
   * too, for pushinator's documented {@code curl -d '{...}'}, which sends one.
   */
  JsonElement json(boolean formAllowed) {
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT).split(";")[0].strip();
    boolean json = type.isEmpty() || type.equals("application/json") || type.endsWith("+json");
    boolean form = type.equals("application/x-www-form-urlencoded");
    if (!json && !(form && formAllowed)) {
      throw new AdminException(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
          "the body must be JSON, sent as Content-Type: application/json (not " + type + ")");
    }
    if (body.length == 0) throw AdminException.badRequest("the body is empty; it must be JSON");
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(body)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw AdminException.badRequest("the body is not UTF-8");
    }
    StrictJson.Result read = StrictJson.read(text, Limits.MAX_NESTING);
    if (read.value() == null) throw AdminException.badRequest("the body " + read.why());
    return read.value();
  }

  /** The body as a JSON object. */
  JsonObject object(boolean formAllowed) {
    JsonElement json = json(formAllowed);
    if (!json.isJsonObject()) throw AdminException.badRequest("the body must be a JSON object");
    return json.getAsJsonObject();
  }

  static String header(io.netty.handler.codec.http.HttpRequest request) {
    return request.headers().get(HttpHeaderNames.CONTENT_TYPE);
  }
}
