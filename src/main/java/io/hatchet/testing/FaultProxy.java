package io.hatchet.testing;

import io.hatchet.hub.HatchetHub;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on loopback between clients and a hub that fails the network on demand, to test
 * how an application lives through cuts, stalls and slow links. Point a client at {@link #url()}
 * instead of the hub's URL:
 *
 * <pre>{@code
 * try (FaultProxy proxy = FaultProxy.to(hub);
 *     Hatchet hatchet = Hatchet.connect(proxy.url())) {
 *   ...
 *   proxy.cut();      // every connection through the proxy breaks; the client reconnects
 *   proxy.stall();    // connections stay open, nothing gets through either way ...
 *   proxy.resume();   // ... until now: what was held is forwarded, nothing is lost
 *   proxy.slow(Duration.ofMillis(100));   // each chunk, each way, waits 100 ms
 * }
 * }</pre>
 *
 * <p>Faults apply at once to every connection, open or new, until changed: {@link #stall()} holds
 * new connections before they reach the hub, so {@code stall()} then {@code cut()} keeps a client
 * away from the hub until {@link #resume()}. A connection the hub refuses or closes is closed
 * toward the client too.
 *
 * <p><b>Bounds.</b> At most {@link #maxConnections(int)} connections (by default
 * {@value #DEFAULT_MAX_CONNECTIONS}) are open through the proxy at once; one more is accepted and
 * closed at once. Each connection holds at most one chunk of 16 KiB each way; the rest waits in
 * the kernel's buffers, so a stalled or slow proxy makes senders wait instead of growing.
 *
 * <p><b>Threads.</b> Every method is thread-safe and returns at once. The proxy forwards on
 * daemon threads of its own, named {@code fault-proxy-<n>-...}: one accepting, and two per open
 * connection, which end when it is cut or closed. None of them ever calls code of yours.
 *
 * <p><b>Closing.</b> {@link #close()} stops accepting, closes every connection and waits up to
 * 2 s for the proxy's threads to end. It is idempotent.
 */
public final class FaultProxy implements AutoCloseable {
  /** How many connections may be open through one proxy at once, unless changed. */
  public static final int DEFAULT_MAX_CONNECTIONS = 64;

  private static final int CHUNK_BYTES = 16 * 1024;
  private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
  private static final long CLOSE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(2);
  private static final AtomicInteger IDS = new AtomicInteger();

  private final InetSocketAddress target;
  /** The hub's: a proxy to a hub that speaks TLS passes TLS through, so its URL is https. */
  private final String scheme;
  private final ServerSocket server;
  private final String name = "fault-proxy-" + IDS.incrementAndGet();
  private final Set<Link> links = ConcurrentHashMap.newKeySet();
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();
  private final AtomicLong bytesFromClients = new AtomicLong();
  private final AtomicLong bytesFromHub = new AtomicLong();
  private final AtomicBoolean closed = new AtomicBoolean();
  /** Open while nothing is stalled; a stall replaces it with a closed one until resume(). */
  private volatile CountDownLatch gate = new CountDownLatch(0);
  private volatile long delayNanos;
  private volatile int maxConnections = DEFAULT_MAX_CONNECTIONS;

  private FaultProxy(InetSocketAddress target, String scheme) {
    this.target = target;
    this.scheme = scheme;
    try {
      server = new ServerSocket();
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on a loopback port", e);
    }
    start(this::acceptLoop, name + "-accept");
  }

  /**
   * Starts a proxy to {@code hub}, listening on a free loopback port.
   *
   * @param hub a started hub; the proxy connects to its host and port, and its {@link #url()}
   *     has the hub's scheme: {@code https} for a hub that speaks TLS, whose bytes it passes on
   *     as they are
   * @return the proxy, accepting connections already
   * @throws IllegalArgumentException if {@code hub} is null
   * @throws UncheckedIOException if no loopback port can be bound
   */
  public static FaultProxy to(HatchetHub hub) {
    if (hub == null) throw new IllegalArgumentException("hub == null");
    URI url = URI.create(hub.url());
    String host = url.getHost();
    return new FaultProxy(InetSocketAddress.createUnresolved(
        host.startsWith("[") ? host.substring(1, host.length() - 1) : host, hub.port()),
        url.getScheme());
  }

  /**
   * Starts a proxy to {@code host:port}, listening on a free loopback port.
   *
   * @param host the hub's host name or address, looked up anew for each connection
   * @param port the hub's port, 1 to 65535
   * @return the proxy, accepting connections already; its {@link #url()} is {@code http}
   * @throws IllegalArgumentException if {@code host} is null or blank or {@code port} is not
   *     1 to 65535
   * @throws UncheckedIOException if no loopback port can be bound
   */
  public static FaultProxy to(String host, int port) {
    if (host == null || host.isBlank()) throw new IllegalArgumentException("host is null or blank");
    if (port < 1 || port > 65_535) throw new IllegalArgumentException("port out of range: " + port);
    return new FaultProxy(InetSocketAddress.createUnresolved(host, port), "http");
  }

  /**
   * The URL clients connect to instead of the hub's, like {@code http://127.0.0.1:41234}, or
   * {@code https://127.0.0.1:41234} in front of a hub that speaks TLS.
   *
   * @return the proxy's URL, the same for its whole life; an IPv6 address is in brackets
   */
  public String url() {
    String host = server.getInetAddress().getHostAddress();
    return scheme + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port();
  }

  /**
   * The loopback port the proxy listens on.
   *
   * @return the free port chosen when the proxy started, the same for its whole life
   */
  public int port() {
    return server.getLocalPort();
  }

  /**
   * Closes every connection open through the proxy, without a goodbye to either side, as a
   * network that fails does. New connections are still accepted.
   *
   * @return how many connections were cut
   */
  public int cut() {
    int cut = 0;
    for (Link link : links) {
      if (link.close()) cut++;
    }
    return cut;
  }

  /**
   * From now on nothing gets through, either way, until {@link #resume()}: open connections stay
   * open and what they send is held; new connections are accepted but not taken to the hub.
   */
  public synchronized void stall() {
    if (!closed.get() && gate.getCount() == 0) gate = new CountDownLatch(1);
  }

  /** Ends a {@link #stall()}: what was held is forwarded, in order, and new connections go on. */
  public synchronized void resume() {
    gate.countDown();
  }

  /**
   * Whether the proxy is stalled.
   *
   * @return true from {@link #stall()} until {@link #resume()} or {@link #close()}
   */
  public boolean isStalled() {
    return gate.getCount() > 0;
  }

  /**
   * Holds every chunk read, each way, for {@code delay} before forwarding it: a slow link, whose
   * senders soon wait. {@link Duration#ZERO} ends it.
   *
   * @param delay how long each chunk waits, zero or more; a chunk already waiting keeps the
   *     delay it had
   * @throws IllegalArgumentException if {@code delay} is null or negative
   */
  public void slow(Duration delay) {
    if (delay == null || delay.isNegative()) {
      throw new IllegalArgumentException("delay must be >= 0: " + delay);
    }
    delayNanos = delay.toNanos();
  }

  /**
   * Sizes the kernel's buffer for what clients send, on connections accepted from now on: a
   * small one makes a link that holds little on the way, so that a sender soon has to wait.
   * The kernel may round it; it rarely gives less than a few KiB or more than 64 KiB here.
   *
   * @param bytes the buffer's size asked of the kernel, at least 1
   * @throws IllegalArgumentException if {@code bytes} is not positive
   */
  public void receiveBuffer(int bytes) {
    if (bytes <= 0) throw new IllegalArgumentException("bytes must be > 0: " + bytes);
    try {
      server.setReceiveBufferSize(bytes);
    } catch (SocketException e) {
      throw new UncheckedIOException("cannot size the receive buffer", e);
    }
  }

  /**
   * Bounds how many connections may be open through the proxy at once (default
   * {@value #DEFAULT_MAX_CONNECTIONS}); one more is closed as soon as it is accepted.
   *
   * @param max at least 1; lowering it below the connections open now leaves them open and
   *     refuses new ones until fewer are
   * @throws IllegalArgumentException if {@code max} is not positive
   */
  public void maxConnections(int max) {
    if (max <= 0) throw new IllegalArgumentException("max must be > 0: " + max);
    maxConnections = max;
  }

  /**
   * Connections accepted so far, refused ones included.
   *
   * @return how many since the proxy started; it never decreases
   */
  public int acceptedConnections() {
    return accepted.get();
  }

  /**
   * Connections closed at once because {@link #maxConnections(int)} were open.
   *
   * @return how many since the proxy started; it never decreases
   */
  public int refusedConnections() {
    return refused.get();
  }

  /**
   * Connections open through the proxy now.
   *
   * @return how many connections are open, stalled or not; cut and closed ones are not counted
   */
  public int openConnections() {
    return links.size();
  }

  /**
   * Bytes read from clients so far, forwarded or held.
   *
   * @return the total over every connection since the proxy started
   */
  public long bytesFromClients() {
    return bytesFromClients.get();
  }

  /**
   * Bytes read from the hub so far, forwarded or held.
   *
   * @return the total over every connection since the proxy started
   */
  public long bytesFromHub() {
    return bytesFromHub.get();
  }

  @Override public void close() {
    if (!closed.compareAndSet(false, true)) return;
    closeQuietly(server);
    resume();
    cut();
    for (Thread thread : threads) thread.interrupt(); // a slow link's wait
    long deadline = System.nanoTime() + CLOSE_WAIT_NANOS;
    for (Thread thread : List.copyOf(threads)) {
      long left = deadline - System.nanoTime();
      if (left <= 0) break;
      try {
        TimeUnit.NANOSECONDS.timedJoin(thread, left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
  }

  @Override public String toString() {
    return "FaultProxy{" + url() + " -> " + target.getHostString() + ":" + target.getPort() + "}";
  }

  private void acceptLoop() {
    while (!closed.get()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      int id = accepted.incrementAndGet();
      if (links.size() >= maxConnections) {
        refused.incrementAndGet();
        closeQuietly(client);
        continue;
      }
      Link link = new Link(client, id);
      links.add(link);
      if (closed.get()) { // close() may have cut before this link was added
        link.close();
        return;
      }
      start(link::run, name + "-conn-" + link.id + "-up");
    }
  }

  private void start(Runnable task, String threadName) {
    Thread thread = new Thread(() -> {
      try {
        task.run();
      } finally {
        threads.remove(Thread.currentThread());
      }
    }, threadName);
    thread.setDaemon(true);
    threads.add(thread);
    thread.start();
  }

  /** Waits while stalled; returns false if the proxy closed meanwhile. */
  private boolean passGate() throws InterruptedException {
    gate.await();
    return !closed.get();
  }

  /** One client's connection and the proxy's to the hub for it. */
  private final class Link {
    final int id;
    private final Socket client;
    private final Socket upstream = new Socket();
    private final AtomicBoolean linkClosed = new AtomicBoolean();

    Link(Socket client, int id) {
      this.client = client;
      this.id = id;
    }

    /** Connects to the hub once the gate is open, then forwards what the client sends. */
    void run() {
      try {
        if (!passGate()) return;
        upstream.connect(new InetSocketAddress(target.getHostString(), target.getPort()),
            CONNECT_TIMEOUT_MILLIS);
        if (linkClosed.get()) return;
        start(() -> pump(upstream, client, bytesFromHub), name + "-conn-" + id + "-down");
        pump(client, upstream, bytesFromClients);
      } catch (IOException | InterruptedException e) {
        // the hub refused, or the link was cut or closed while waiting
      } finally {
        close();
      }
    }

    private void pump(Socket from, Socket to, AtomicLong counter) {
      byte[] buffer = new byte[CHUNK_BYTES];
      try {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        int n;
        while ((n = in.read(buffer)) != -1) {
          counter.addAndGet(n);
          if (!passGate()) return;
          long delay = delayNanos;
          if (delay > 0) TimeUnit.NANOSECONDS.sleep(delay); // the fault asked for: a slow link
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException | InterruptedException e) {
        // one side closed, or the link was cut
      } finally {
        close();
      }
    }

    /** Closes both sockets; true only for the call that closed them. */
    boolean close() {
      if (!linkClosed.compareAndSet(false, true)) return false;
      closeQuietly(client);
      closeQuietly(upstream);
      links.remove(this);
      return true;
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception ignored) {
      // closing to clean up: nothing else to do
    }
  }
}
