package io.hatchet.internal.connection;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * The platform's plain sockets with Nagle's algorithm off, for connections to an {@code https://}
 * hub: the end of the TLS handshake and the WebSocket upgrade request are two writes with no
 * answer between, and with Nagle on the second waits for the hub's delayed acknowledgement,
 * about 40 ms on Linux, on every connect. Plain connections keep Nagle, under which a burst of
 * small frames leaves in fewer packets.
 */
final class NoDelaySockets extends SocketFactory {
  static final NoDelaySockets INSTANCE = new NoDelaySockets();

  private final SocketFactory platform = SocketFactory.getDefault();

  private NoDelaySockets() {
  }

  @Override public Socket createSocket() throws IOException {
    return noDelay(platform.createSocket());
  }

  @Override public Socket createSocket(String host, int port) throws IOException {
    return noDelay(platform.createSocket(host, port));
  }

  @Override public Socket createSocket(String host, int port, InetAddress localAddress,
      int localPort) throws IOException {
    return noDelay(platform.createSocket(host, port, localAddress, localPort));
  }

  @Override public Socket createSocket(InetAddress address, int port) throws IOException {
    return noDelay(platform.createSocket(address, port));
  }

  @Override public Socket createSocket(InetAddress address, int port, InetAddress localAddress,
      int localPort) throws IOException {
    return noDelay(platform.createSocket(address, port, localAddress, localPort));
  }

  private static Socket noDelay(Socket socket) throws IOException {
    socket.setTcpNoDelay(true);
    return socket;
  }
}
