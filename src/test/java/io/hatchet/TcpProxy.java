package io.hatchet;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP proxy on loopback between a client and a hub, for tests that need the network to fail:
 * {@link #cutAll()} breaks every open connection; {@link #stall()} keeps accepting connections but
 * forwards nothing until {@link #resume()}; {@link #slow(long)} delays what it forwards.
 */
public final class TcpProxy implements AutoCloseable {
  private final ServerSocket server;
  private final int targetPort;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final AtomicInteger accepted = new AtomicInteger();
  private final java.util.concurrent.atomic.AtomicLong clientBytes = new java.util.concurrent.atomic.AtomicLong();
  private volatile CountDownLatch gate = new CountDownLatch(0);
  private volatile long delayNanos;
  private volatile boolean closed;

  public TcpProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Thread acceptor = new Thread(this::acceptLoop, "test-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  public int acceptedConnections() {
    return accepted.get();
  }

  /** Bytes read from clients so far, forwarded or held by {@link #stall()}. */
  public long bytesFromClients() {
    return clientBytes.get();
  }

  /** Closes every connection open through the proxy; new ones are still accepted. */
  public void cutAll() {
    for (Socket socket : sockets) closeQuietly(socket);
    sockets.clear();
  }

  /** From now on, connections are accepted but nothing is forwarded until {@link #resume()}. */
  public void stall() {
    if (gate.getCount() == 0) gate = new CountDownLatch(1);
  }

  public void resume() {
    gate.countDown();
  }

  /**
   * Caps the kernel's buffer for what clients send, on connections accepted from now on (at most
   * 64 KiB): a link that holds little on the way, whose sender soon has to wait for it.
   */
  public void receiveBuffer(int bytes) throws java.net.SocketException {
    server.setReceiveBufferSize(bytes);
  }

  /** Holds every chunk, each way, for {@code delayMillis} before forwarding it (0: no delay). */
  public void slow(long delayMillis) {
    delayNanos = TimeUnit.MILLISECONDS.toNanos(delayMillis);
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = server.accept();
        accepted.incrementAndGet();
        sockets.add(client);
        Thread thread = new Thread(() -> connect(client), "test-proxy-conn");
        thread.setDaemon(true);
        thread.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void connect(Socket client) {
    try {
      gate.await();
      Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
      sockets.add(upstream);
      if (client.isClosed()) {
        closeQuietly(upstream);
        return;
      }
      pump(client, upstream, true);
      pump(upstream, client, false);
    } catch (IOException | InterruptedException e) {
      closeQuietly(client);
    }
  }

  private void pump(Socket from, Socket to, boolean fromClient) {
    Thread thread = new Thread(() -> {
      byte[] buffer = new byte[16 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buffer)) != -1) {
          if (fromClient) clientBytes.addAndGet(n);
          gate.await();
          long delay = delayNanos;
          if (delay > 0) LockSupport.parkNanos(delay); // the injected fault: a slow network
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException | InterruptedException e) {
        // the other side closed, or cutAll()
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    }, "test-proxy-pump");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void close() {
    closed = true;
    resume();
    closeQuietly(server);
    cutAll();
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception ignored) {
      // closing for cleanup; nothing to do
    }
  }
}
