package io.hatchet.server;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/** Calls of the admin API over HTTP, as curl makes them, with the answer read as JSON. */
final class AdminClient {
  private final String url;
  private final HttpClient http;

  AdminClient(String url) {
    this(url, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15)).build());
  }

  AdminClient(String url, SSLContext tls) {
    this(url, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15)).sslContext(tls).build());
  }

  private AdminClient(String url, HttpClient http) {
    this.url = url;
    this.http = http;
  }

  /** An answer: its status, its headers, its body as text and (when it is JSON) parsed. */
  record Answer(int status, HttpResponse<String> response) {
    String body() {
      return response.body();
    }

    JsonElement json() {
      return JsonParser.parseString(response.body());
    }

    /** The error code of a JSON error answer. */
    String code() {
      return json().getAsJsonObject().getAsJsonObject("error").get("code").getAsString();
    }

    String header(String name) {
      return response.headers().firstValue(name).orElse(null);
    }

    @Override public String toString() {
      return status + " " + response.body();
    }
  }

  Answer call(String method, String path, String body) throws IOException, InterruptedException {
    return call(method, path, body, "application/json", TestConfig.TOKEN);
  }

  Answer get(String path) throws IOException, InterruptedException {
    return call("GET", path, null);
  }

  Answer post(String path, String body) throws IOException, InterruptedException {
    return call("POST", path, body);
  }

  Answer call(String method, String path, String body, String contentType, String token)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path))
        .timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null && body != null) request.header("Content-Type", contentType);
    if (token != null) request.header("Authorization", "Bearer " + token);
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), response);
  }
}
