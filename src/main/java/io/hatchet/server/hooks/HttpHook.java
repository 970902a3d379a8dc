package io.hatchet.server.hooks;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.hatchet.hub.SessionData;
import io.hatchet.protocol.EventData;
import io.hatchet.protocol.StrictJson;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Dispatcher;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * What both HTTP hooks do: POST a JSON object to the backend's URL and read the JSON object it
 * answers, within a timeout, on an OkHttp client of their own, whose daemon threads are named
 * {@code hatchet-http-hook-<n>-<k>}.
 */
abstract class HttpHook implements AutoCloseable {
  /** The most a backend's answer may hold: 2 MiB, room for data of the hub's default limit. */
  static final long MAX_ANSWER_BYTES = 2L << 20;
  /** Calls in flight at once to the backend; OkHttp's own default is 5 per host. */
  private static final int MAX_CALLS = 64;
  private static final int MAX_NESTING = 1_000;
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final AtomicInteger HOOK_IDS = new AtomicInteger();

  private final OkHttpClient client;
  private final HttpUrl url;
  private final Headers headers;
  private final Duration timeout;
  private volatile boolean closed;

  HttpHook(String url, Duration timeout, Map<String, String> headers) {
    if (url == null) throw new IllegalArgumentException("url == null");
    HttpUrl parsed = HttpUrl.parse(url);
    if (parsed == null) {
      throw new IllegalArgumentException("not an http:// or https:// URL: " + url);
    }
    if (timeout == null) throw new IllegalArgumentException("timeout == null");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be > 0: " + timeout);
    }
    if (headers == null) throw new IllegalArgumentException("headers == null");
    this.url = parsed;
    this.timeout = timeout;
    this.headers = Headers.of(headers);
    // Daemon threads of its own, so that a hook nobody closed never keeps the JVM alive. The
    // dispatcher bounds the calls; the pool does not, since a call's thread is still busy when
    // it hands the next call over, and a pool of MAX_CALLS would then refuse that one.
    String prefix = "hatchet-http-hook-" + HOOK_IDS.incrementAndGet() + "-";
    AtomicInteger threads = new AtomicInteger();
    ThreadPoolExecutor executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60,
        TimeUnit.SECONDS,
        new SynchronousQueue<>(), runnable -> {
          Thread thread = new Thread(runnable, prefix + threads.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
    Dispatcher dispatcher = new Dispatcher(executor);
    dispatcher.setMaxRequests(MAX_CALLS);
    dispatcher.setMaxRequestsPerHost(MAX_CALLS);
    this.client = new OkHttpClient.Builder()
        .dispatcher(dispatcher)
        .callTimeout(timeout)
        .retryOnConnectionFailure(false) // a hook's POST is not repeated behind its back
        .build();
  }

  /**
   * POSTs {@code body}; the future completes with the backend's answer, or fails with an
   * {@link IOException} saying what was wrong with it, or a {@link TimeoutException}.
   */
  final CompletableFuture<JsonObject> post(JsonObject body) {
    CompletableFuture<JsonObject> answer = new CompletableFuture<>();
    if (closed) {
      answer.completeExceptionally(new IOException(this + " is closed"));
      return answer;
    }
    Request request = new Request.Builder().url(url).headers(headers)
        .post(RequestBody.create(body.toString(), JSON)).build();
    client.newCall(request).enqueue(new Callback() {
      @Override public void onFailure(Call call, IOException e) {
        answer.completeExceptionally(isTimeout(e)
            ? timedOut(e) : new IOException("cannot reach the backend at " + url + ": " + e, e));
      }

      @Override public void onResponse(Call call, Response response) {
        try (response) {
          answer.complete(read(response));
        } catch (IOException e) {
          answer.completeExceptionally(isTimeout(e) ? timedOut(e) : e);
        } catch (RuntimeException e) {
          answer.completeExceptionally(e);
        }
      }
    });
    return answer;
  }

  /** OkHttp's call timeout, or a socket's: not a call refused because the client closed. */
  private static boolean isTimeout(IOException e) {
    return e instanceof SocketTimeoutException
        || e instanceof InterruptedIOException && "timeout".equals(e.getMessage());
  }

  private TimeoutException timedOut(IOException e) {
    TimeoutException timeout = new TimeoutException("the backend at " + url
        + " did not answer within " + this.timeout.toMillis() + " ms");
    timeout.initCause(e);
    return timeout;
  }

  private JsonObject read(Response response) throws IOException {
    if (!response.isSuccessful()) {
      throw new IOException("the backend at " + url + " answered HTTP " + response.code());
    }
    ResponseBody body = response.body();
    BufferedSource source = body.source();
    if (source.request(MAX_ANSWER_BYTES + 1)) {
      throw new IOException("the backend at " + url + " answered more than " + MAX_ANSWER_BYTES
          + " bytes");
    }
    String text = source.getBuffer().readUtf8();
    if (!(StrictJson.parse(text, MAX_NESTING) instanceof JsonObject object)) {
      throw new IOException("the backend at " + url + " answered no JSON object");
    }
    return object;
  }

  /** The string field {@code name} of {@code answer}, or null if it has none. */
  static String string(JsonObject answer, String name) {
    return answer.get(name) instanceof JsonPrimitive value && value.isString()
        ? value.getAsString() : null;
  }

  /**
   * {@code data} as JSON: each value a {@code JsonElement} as it is, else what the Gson of
   * events' data ({@link EventData}) makes of it; one Gson cannot encode is left out.
   */
  static JsonObject toJson(SessionData data) {
    JsonObject json = new JsonObject();
    for (String key : data.keys()) {
      Object value = data.get(key);
      try {
        json.add(key, value instanceof JsonElement element ? element : EventData.GSON.toJsonTree(value));
      } catch (RuntimeException e) {
        // Not for the backend: the application keeps such values for its own hooks.
      }
    }
    return json;
  }

  /**
   * Stops the OkHttp client's threads and connections; calls still running fail, and so does
   * every later one. Idempotent.
   */
  @Override public void close() {
    closed = true;
    client.dispatcher().executorService().shutdownNow();
    client.connectionPool().evictAll();
    try {
      client.dispatcher().executorService().awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override public String toString() {
    return getClass().getSimpleName() + "{" + url + "}";
  }
}
