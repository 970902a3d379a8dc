package io.hatchet.hub.wire;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatchet.hub.wire.Reply.EngineError;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Engine.IO v4 close packet sent by the client. */
class EngineIoCloseTest {
  @RegisterExtension static final Target target = Target.hub();

  /**
   * Polling: a close packet ends the session; a GET that was pending is answered (with a noop or
   * the close packet; if it came in after the close, refused), and later requests get 400.
   */
  @Test void closePacketOverPollingEndsTheSession() {
    Polling session = target.polling();
    session.connect();
    CompletableFuture<Reply> pending = session.getAsync();
    session.send("1");
    Reply reply = Target.await(pending);
    if (reply.status() == 200) {
      assertTrue(Set.of(List.of("6"), List.of("1")).contains(reply.packets()), reply::toString);
    } else {
      reply.assertRefused(EngineError.UNKNOWN_SID);
    }
    session.assertClosed();
  }

  /**
   * WebSocket: a close packet makes the server close the connection. (As the protocol's own test
   * suite has it; socket.io 4.8.4's engine.io 6.6 ignores the packet over WebSocket.)
   */
  @Test void closePacketOverWebSocketClosesTheConnection() {
    target.assertFrameCloses(true, "1");
  }
}
