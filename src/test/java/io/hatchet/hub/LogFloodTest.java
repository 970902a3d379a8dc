package io.hatchet.hub;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Malformed frames cannot flood the hub's log: what it logs of 2,000 frames of 10 KiB stays
 * under 1% of what was sent, and no line holds a frame whole.
 *
 * <p>The tests' logging goes through slf4j-simple at WARN to the file named by
 * {@code org.slf4j.simpleLogger.logFile} (see the surefire configuration in pom.xml); this test
 * measures how much that file grows, from before the first frame to after the hub has stopped,
 * when nothing it logs can still be on its way.
 */
class LogFloodTest {
  private static final int FRAMES = 2_000;
  private static final int FRAME_BYTES = 10 * 1024;

  @Test void malformedFramesDoNotFloodTheLog() throws Exception {
    String file = System.getProperty("org.slf4j.simpleLogger.logFile");
    assertNotNull(file, "run through Maven: the log file is set in pom.xml's surefire section");
    Path log = Path.of(file);
    assertFalse(LoggerFactory.getLogger(HatchetHub.class).isDebugEnabled()
        || LoggerFactory.getLogger("io.hatchet.hub").isDebugEnabled(),
        "the hub's DEBUG is on: this test measures what it logs at WARN");

    byte[][] kinds = malformedFrames();
    long before = Files.size(log);
    long sent = 0;
    try (Hostile hostile = new Hostile()) {
      WireSocket ws = null;
      for (int i = 0; i < FRAMES; i++) {
        if (ws == null) {
          ws = hostile.track(WireSocket.open(hostile.hub));
        }
        byte[] frame = kinds[i % kinds.length];
        boolean written = true;
        try {
          ws.frame(i % kinds.length == 0 ? WireSocket.BINARY : WireSocket.TEXT, true, frame);
        } catch (IOException e) {
          written = false; // reset by the hub halfway
        }
        sent += frame.length;
        if (!written || !ws.alive(i)) {
          ws.close();
          ws = null;
        }
      }
    } // the hub has stopped: all it logged is in the file
    long grown = Files.size(log) - before;
    long total = sent;
    assertTrue(grown * 100 < sent, () -> "the hub logged " + grown + " bytes for " + total
        + " bytes of malformed frames");
    String added = read(log, before);
    for (String line : added.split("\n")) {
      assertTrue(line.length() < FRAME_BYTES, () -> "a log line of " + line.length()
          + " characters: " + Hostile.shorten(line));
    }
  }

  /**
   * Frames of 10 KiB the hub cannot use: random bytes as a binary frame, then text frames that
   * are unterminated JSON, not socket.io packets, not Engine.IO packets, and an event whose name
   * never ends.
   */
  private static byte[][] malformedFrames() {
    Random random = new Random(6);
    byte[] noise = new byte[FRAME_BYTES];
    random.nextBytes(noise);
    String[] starts = {"42[\"ping\",{\"a\":\"", "4x", "9", "421[{", "42[\""};
    byte[][] frames = new byte[starts.length + 1][];
    frames[0] = noise;
    for (int i = 0; i < starts.length; i++) {
      StringBuilder text = new StringBuilder(starts[i]);
      while (text.length() < FRAME_BYTES) {
        text.append("flood").append(random.nextInt(1_000_000));
      }
      frames[i + 1] = Arrays.copyOf(text.toString().getBytes(UTF_8), FRAME_BYTES);
    }
    return frames;
  }

  private static String read(Path log, long from) throws IOException {
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
      byte[] bytes = new byte[(int) Math.min(Integer.MAX_VALUE - 8, file.length() - from)];
      file.seek(from);
      file.readFully(bytes);
      return new String(bytes, ISO_8859_1);
    }
  }
}
