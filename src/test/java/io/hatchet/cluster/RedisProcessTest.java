package io.hatchet.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The tests' own redis-server: it starts, takes commands, restarts empty, and leaves nothing. */
class RedisProcessTest {
  @Test void startsTakesCommandsRestartsEmptyAndStopsForGood() throws Exception {
    RedisProcess redis = RedisProcess.start();
    try {
      assertEquals("+OK", command(redis.port(), "SET", "k", "v"));
      assertEquals("$1", command(redis.port(), "GET", "k"));
      redis.restart();
      assertTrue(redis.isAlive());
      assertEquals("$-1", command(redis.port(), "GET", "k"), "nothing kept across a restart");
    } finally {
      redis.close();
    }
    assertFalse(redis.isAlive());
    assertThrows(ConnectException.class, () -> command(redis.port(), "PING"));
  }

  /** Sends one command in RESP and returns the first line of the answer. */
  private static String command(int port, String... words) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
      socket.setSoTimeout(5_000);
      StringBuilder resp = new StringBuilder("*" + words.length + "\r\n");
      for (String word : words) {
        resp.append('$').append(word.getBytes(StandardCharsets.UTF_8).length).append("\r\n")
            .append(word).append("\r\n");
      }
      OutputStream out = socket.getOutputStream();
      out.write(resp.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      return new BufferedReader(new InputStreamReader(socket.getInputStream(),
          StandardCharsets.UTF_8)).readLine();
    }
  }
}
