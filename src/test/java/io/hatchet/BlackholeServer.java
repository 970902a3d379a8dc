package io.hatchet;

import static io.hatchet.Queues.poll;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A TCP server on loopback that accepts and never answers, and notices when the client lets go:
 * a hub whose handshake hangs for ever.
 */
final class BlackholeServer implements AutoCloseable {
  private final ServerSocket server = new ServerSocket();
  private final BlockingQueue<Peer> accepted = new LinkedBlockingQueue<>();
  private final List<Peer> all = new CopyOnWriteArrayList<>();

  BlackholeServer() throws IOException {
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Thread acceptor = new Thread(() -> {
      while (true) {
        try {
          Peer peer = new Peer(server.accept());
          all.add(peer);
          accepted.add(peer);
        } catch (IOException e) {
          return; // closed
        }
      }
    }, "test-blackhole-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  /** The next connection accepted, in order. */
  Peer accepted() {
    return poll(accepted);
  }

  int acceptedCount() {
    return all.size();
  }

  long openCount() {
    return all.stream().filter(peer -> peer.closed.getCount() > 0).count();
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Peer peer : all) peer.socket.close();
  }

  /** One accepted connection: reads until the client closes it. */
  static final class Peer {
    final Socket socket;
    final CountDownLatch closed = new CountDownLatch(1);

    Peer(Socket socket) {
      this.socket = socket;
      Thread reader = new Thread(() -> {
        byte[] buffer = new byte[4096];
        try (InputStream in = socket.getInputStream()) {
          while (in.read(buffer) != -1) {
            // the HTTP upgrade request; never answered
          }
        } catch (IOException e) {
          // reset by the client, or closed by us
        }
        closed.countDown();
      }, "test-blackhole-peer");
      reader.setDaemon(true);
      reader.start();
    }

    boolean closedByClient(long seconds) throws InterruptedException {
      return closed.await(seconds, TimeUnit.SECONDS);
    }
  }
}
