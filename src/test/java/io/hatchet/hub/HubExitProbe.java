package io.hatchet.hub;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A main that starts a hub, gives it a connection (so its worker threads run), closes
 * it and returns. {@link JvmExitTest} runs it in its own JVM, which must then exit by itself.
 */
public final class HubExitProbe {
  private HubExitProbe() {
  }

  public static void main(String[] args) throws Exception {
    HatchetHub hub = TestApps.startHub();
    Socket socket = new Socket("127.0.0.1", hub.port());
    OutputStream out = socket.getOutputStream();
    out.write(("GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    InputStream in = socket.getInputStream();
    byte[] response = new byte[64];
    int read = in.read(response);
    if (read <= 0 || !new String(response, 0, read, StandardCharsets.US_ASCII).contains("200")) {
      throw new IllegalStateException("no Engine.IO handshake from the hub");
    }
    // The socket stays open: closing the hub must not wait for the client.
    hub.close();
    System.out.println("probe done");
  }
}
