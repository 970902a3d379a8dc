package io.hatchet.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;

/**
 * The OkHttp client of one Hatchet, with a dispatcher of its own daemon threads. socket.io-client
 * would otherwise use a shared default client whose non-daemon dispatcher threads keep the JVM
 * alive after disconnect.
 */
final class HttpClient implements WebSocket.Factory {
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

  @Override
  public WebSocket newWebSocket(Request request, WebSocketListener listener) {
    return client.newWebSocket(request, new AnswersCloseFrames(listener));
  }

  /**
   * Abandons every call still open: above all a handshake still waiting for its answer, which
   * closing engine.io's transport does not end, and which would otherwise hold a socket and a
   * thread forever.
   */
  void cancelAll() {
    client.dispatcher().cancelAll();
  }

  /** Starts no new thread; running reads end with their sockets. */
  void close() {
    dispatcherThreads.shutdown();
    client.connectionPool().evictAll();
  }

  /**
   * engine.io-client ignores {@code onClosing}, so OkHttp never answers a close frame from the hub
   * and the connection is not seen to end until a heartbeat or ack times out. Answering it makes
   * OkHttp report {@code onClosed} at once.
   */
  private static final class AnswersCloseFrames extends WebSocketListener {
    private final WebSocketListener delegate;

    AnswersCloseFrames(WebSocketListener delegate) {
      this.delegate = delegate;
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
      delegate.onOpen(webSocket, response);
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
      delegate.onMessage(webSocket, text);
    }

    @Override
    public void onMessage(WebSocket webSocket, ByteString bytes) {
      delegate.onMessage(webSocket, bytes);
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
      webSocket.close(1000, null);
      delegate.onClosing(webSocket, code, reason);
    }

    @Override
    public void onClosed(WebSocket webSocket, int code, String reason) {
      delegate.onClosed(webSocket, code, reason);
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable t, Response response) {
      delegate.onFailure(webSocket, t, response);
    }
  }
}
