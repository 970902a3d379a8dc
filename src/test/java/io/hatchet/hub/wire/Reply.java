package io.hatchet.hub.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.json.JSONObject;

/** An HTTP answer: status, Content-Type ("" when absent) and body. */
record Reply(int status, String contentType, String body) {

  /** The Engine.IO error codes of the hub's 400 answers, with their messages. */
  enum EngineError {
    UNKNOWN_TRANSPORT(0, "Transport unknown"),
    UNKNOWN_SID(1, "Session ID unknown"),
    BAD_HANDSHAKE_METHOD(2, "Bad handshake method"),
    BAD_REQUEST(3, "Bad request"),
    UNSUPPORTED_PROTOCOL_VERSION(5, "Unsupported protocol version");

    final int code;
    final String message;

    EngineError(int code, String message) {
      this.code = code;
      this.message = message;
    }
  }

  /** A POST's success: 200 {@code ok}, as text. */
  void assertOk() {
    assertEquals(200, status, this::toString);
    assertEquals("ok", body, this::toString);
    assertTrue(contentType.startsWith("text/html") || contentType.startsWith("text/plain"),
        () -> "Content-Type of " + this);
  }

  /** A GET's payload: 200, split into its packets. */
  List<String> packets() {
    assertEquals(200, status, this::toString);
    return Arrays.asList(body.split(Target.RS, -1));
  }

  /**
   * A refusal: HTTP 400, and (the hub's contract, not the specification's) the JSON body
   * {@code {"code":C,"message":M}} of {@code error}, checked against the embedded hub only.
   */
  void assertRefused(EngineError error) {
    assertRefused();
    if (Target.embedded()) {
      JSONObject json = new JSONObject(body);
      assertEquals(error.code, json.getInt("code"), this::toString);
      assertEquals(error.message, json.getString("message"), this::toString);
    }
  }

  /** HTTP 400; against the embedded hub, with a JSON error body of any code. */
  void assertRefused() {
    assertEquals(400, status, this::toString);
    if (Target.embedded()) {
      assertTrue(contentType.startsWith("application/json"), () -> "Content-Type of " + this);
      JSONObject json = new JSONObject(body);
      assertEquals(Set.of("code", "message"), json.keySet(), this::toString);
      assertTrue(json.get("code") instanceof Integer && json.get("message") instanceof String,
          this::toString);
    }
  }

  @Override public String toString() {
    String shown = body.length() > 200 ? body.substring(0, 200) + "..." : body;
    return status + " [" + contentType + "] " + shown.replace(Target.RS, "\\x1e");
  }
}
