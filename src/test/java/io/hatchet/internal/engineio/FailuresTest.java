package io.hatchet.internal.engineio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/**
 * The words for what OkHttp reports; ConnectFailureTest provokes the common ones for real. Here
 * the ones a real hub cannot be made to produce on cue: an EOF on an open connection, a reset.
 */
class FailuresTest {
  @Test void anEofOnAnOpenConnectionIsTheHubClosingIt() {
    assertEquals("hub closed the connection", Failures.reason(new EOFException(), null, true));
    assertEquals("the server closed the connection before the handshake ended",
        Failures.reason(new EOFException(), null, false));
  }

  @Test void eachCommonCauseInWords() {
    assertTrue(Failures.reason(new ConnectException("Failed to connect to /127.0.0.1:1"), null,
        false).startsWith("connection refused"));
    assertEquals("unknown host: nowhere.invalid",
        Failures.reason(new UnknownHostException("nowhere.invalid"), null, false));
    assertEquals("timeout: timeout", Failures.reason(new SocketTimeoutException("timeout"), null,
        false));
    assertEquals("connection reset by the peer",
        Failures.reason(new SocketException("Connection reset"), null, true));
    assertTrue(Failures.reason(new SSLException("Unsupported or unrecognized SSL message"), null,
        false).contains("the server does not speak TLS"));
    assertEquals("TLS handshake failed: PKIX path building failed", Failures.reason(
        new SSLHandshakeException("PKIX path building failed"), null, false));
    assertEquals("transport error: IOException: odd", Failures.reason(new IOException("odd"),
        null, true));
  }

  @Test void anHttpStatusComesFirstWithAHint() {
    Response notFound = new Response.Builder().request(new Request.Builder()
        .url("http://127.0.0.1/socket.io/").build()).protocol(Protocol.HTTP_1_1).code(404)
        .message("Not Found").build();
    String reason = Failures.reason(new java.net.ProtocolException("Expected HTTP 101"),
        notFound, false);
    assertTrue(reason.startsWith("the server answered the WebSocket upgrade with HTTP 404 (not "
        + "found"), reason);
  }
}
