package io.hatchet.hub.internal.netty;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Files the hub's port answers {@code GET} and {@code HEAD} with: the browser client
 * ({@code /hatchet.js} and the socket.io client beside it) and an application's own directory of
 * pages. Every file is read once, when the hub starts, so that no request waits for a disk on an
 * event loop; each carries an ETag, and {@code Cache-Control: no-cache} makes browsers ask again
 * (a 304 when nothing changed), so that a new build is seen at once.
 */
public final class StaticFiles implements HttpRoutes {
  /** Where the build puts the browser client, on the class path. */
  private static final String BROWSER_CLIENT = "/io/hatchet/hub/browser/";
  /** The files of the browser client, as they are served. */
  public static final String[] BROWSER_FILES =
      {"hatchet.js", "socket.io.esm.min.js", "socket.io.min.js"};
  /** How many bytes a directory may hold: they are all kept in memory. */
  public static final long MAX_DIRECTORY_BYTES = 64L * 1024 * 1024;

  private record File(byte[] bytes, String contentType, String etag) {}

  private final Map<String, File> files;

  private StaticFiles(Map<String, File> files) {
    this.files = Map.copyOf(files);
  }

  /**
   * The browser client, from the class path.
   *
   * @throws IllegalStateException if the jar lacks it (a build that skipped {@code npm ci})
   */
  public static StaticFiles browserClient() {
    return BrowserClient.FILES;
  }

  /** Read once per JVM, when a hub first asks: every hub serves the same bytes. */
  private static final class BrowserClient {
    static final StaticFiles FILES = read();
  }

  private static StaticFiles read() {
    Map<String, File> files = new LinkedHashMap<>();
    for (String name : BROWSER_FILES) {
      try (InputStream in = StaticFiles.class.getResourceAsStream(BROWSER_CLIENT + name)) {
        if (in == null) {
          throw new IllegalStateException("the browser client's " + name
              + " is not on the class path (" + BROWSER_CLIENT + "): the build puts it there");
        }
        files.put("/" + name, file(name, in.readAllBytes()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new StaticFiles(files);
  }

  /**
   * The regular files of {@code directory} and beneath it, each on its path relative to it;
   * {@code index.html} also on its directory's path ({@code /} for the top one).
   *
   * @throws IllegalArgumentException if it is not a readable directory, or holds more than
   *     {@link #MAX_DIRECTORY_BYTES}
   */
  public static StaticFiles directory(Path directory) {
    if (!Files.isDirectory(directory)) {
      throw new IllegalArgumentException("files to serve: " + directory + " is not a directory");
    }
    Map<String, File> files = new LinkedHashMap<>();
    long total = 0;
    try (Stream<Path> walk = Files.walk(directory)) {
      for (Path path : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
        total += Files.size(path);
        if (total > MAX_DIRECTORY_BYTES) {
          throw new IllegalArgumentException("files to serve: " + directory + " holds more than "
              + MAX_DIRECTORY_BYTES + " bytes, which the hub would keep in memory");
        }
        String relative = directory.relativize(path).toString().replace('\\', '/');
        File file = file(relative, Files.readAllBytes(path));
        files.put("/" + relative, file);
        if (path.getFileName().toString().equals("index.html")) {
          String parent = relative.substring(0, relative.length() - "index.html".length());
          files.put("/" + parent, file);
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("files to serve: cannot read " + directory + ": " + e, e);
    }
    return new StaticFiles(files);
  }

  /** How many bytes the file on {@code path} has, or -1 if there is none. */
  public int size(String path) {
    File file = files.get(path);
    return file == null ? -1 : file.bytes.length;
  }

  @Override public FullHttpResponse answer(FullHttpRequest request) {
    File file = files.get(new QueryStringDecoder(request.uri()).path());
    if (file == null) {
      return null;
    }
    HttpMethod method = request.method();
    if (!method.equals(HttpMethod.GET) && !method.equals(HttpMethod.HEAD)) {
      FullHttpResponse refused = HttpAnswers.answer(HttpResponseStatus.METHOD_NOT_ALLOWED,
          HttpAnswers.TEXT, "this path takes GET or HEAD");
      refused.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
      return refused;
    }
    boolean unchanged = file.etag.equals(request.headers().get(HttpHeaderNames.IF_NONE_MATCH));
    FullHttpResponse response = unchanged || method.equals(HttpMethod.HEAD)
        ? HttpAnswers.answer(unchanged ? HttpResponseStatus.NOT_MODIFIED : HttpResponseStatus.OK,
            file.contentType, Unpooled.EMPTY_BUFFER)
        : HttpAnswers.answer(HttpResponseStatus.OK, file.contentType,
            Unpooled.wrappedBuffer(file.bytes));
    response.headers()
        .set(HttpHeaderNames.ETAG, file.etag)
        .set(HttpHeaderNames.CACHE_CONTROL, "no-cache")
        .set("X-Content-Type-Options", "nosniff");
    return response;
  }

  private static File file(String name, byte[] bytes) {
    return new File(bytes, contentType(name), etag(bytes));
  }

  private static String contentType(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    String extension = lower.substring(lower.lastIndexOf('.') + 1);
    return switch (extension) {
      case "html", "htm" -> "text/html; charset=UTF-8";
      case "js", "mjs" -> "text/javascript; charset=UTF-8";
      case "css" -> "text/css; charset=UTF-8";
      case "json", "map" -> "application/json";
      case "svg" -> "image/svg+xml";
      case "png" -> "image/png";
      case "ico" -> "image/x-icon";
      case "txt" -> HttpAnswers.TEXT;
      default -> "application/octet-stream";
    };
  }

  private static String etag(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
