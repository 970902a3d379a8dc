package io.hatchet.internal.connection;

import io.hatchet.internal.ClientConfig;
import io.hatchet.internal.ClientTls;
import io.hatchet.internal.Threads;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * The OkHttp client of one Hatchet, with a dispatcher of its own daemon threads: OkHttp's default
 * dispatcher threads are not daemons, and would keep the JVM alive after close.
 */
final class HttpClient {
  /**
   * What every Hatchet's client starts from: the platform's TLS socket factory and trust manager,
   * which OkHttp builds anew, at some cost, for each client built from scratch. It holds no thread
   * and no connection; each client gets its own dispatcher and connection pool below.
   */
  private static final OkHttpClient BASE = new OkHttpClient();

  private final ExecutorService dispatcherThreads;
  private final OkHttpClient client;

  HttpClient(String label, ClientConfig config) {
    this.dispatcherThreads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
        new SynchronousQueue<>(), Threads.pool(label + "-okhttp"));
    OkHttpClient.Builder builder = BASE.newBuilder();
    ClientTls tls = config.tls();
    if (tls != null) {
      builder.sslSocketFactory(tls.socketFactory(), tls.trustManager());
    }
    String scheme = URI.create(config.url()).getScheme().toLowerCase();
    if (scheme.equals("https") || scheme.equals("wss")) {
      builder.socketFactory(NoDelaySockets.INSTANCE);
    }
    this.client = builder
        .dispatcher(new Dispatcher(dispatcherThreads))
        .connectionPool(new ConnectionPool())
        .readTimeout(0, TimeUnit.MILLISECONDS) // the heartbeat finds dead connections
        // A frame that cannot leave within the heartbeat's bound means a dead link; OkHttp's
        // default of 10 s would end a stalled link sooner than the heartbeat settings promise.
        .writeTimeout(config.writeTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .build();
  }

  OkHttpClient client() {
    return client;
  }

  /**
   * Abandons every call still open: above all a WebSocket handshake still waiting for its answer,
   * which closing the WebSocket does not end, and which would otherwise hold a socket and a thread
   * forever.
   */
  void cancelAll() {
    client.dispatcher().cancelAll();
  }

  /** Starts no new thread; running reads end with their sockets. */
  void close() {
    dispatcherThreads.shutdown();
    client.connectionPool().evictAll();
  }
}
