package io.hatchet.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * The OkHttp client of one Hatchet, with a dispatcher of its own daemon threads. socket.io-client
 * would otherwise use a shared default client whose non-daemon dispatcher threads keep the JVM
 * alive after disconnect.
 */
final class HttpClient {
  private final ExecutorService dispatcherThreads;
  private final OkHttpClient client;

  HttpClient(String label) {
    this.dispatcherThreads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
        new SynchronousQueue<>(), Threads.daemon(label + "-okhttp"));
    this.client = new OkHttpClient.Builder()
        .dispatcher(new Dispatcher(dispatcherThreads))
        .readTimeout(0, TimeUnit.MILLISECONDS) // Engine.IO's heartbeat finds dead connections
        .build();
  }

  OkHttpClient client() {
    return client;
  }

  /** Lets running reads end with their sockets, and starts no new thread. */
  void close() {
    dispatcherThreads.shutdown();
    client.connectionPool().evictAll();
  }
}
