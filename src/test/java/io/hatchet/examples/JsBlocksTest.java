package io.hatchet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The JavaScript blocks of README.md and PROTOCOL.md cannot rot: each is, verbatim (less the
 * indentation its lines share), a region of a JavaScript test under src/test/js, between
 * {@code // README: <section>} and {@code // README end}, which JsClientTest runs.
 */
class JsBlocksTest {
  private static final Pattern BLOCK = Pattern.compile("(?ms)^```js\\n(.*?)^```$");
  private static final Pattern REGION =
      Pattern.compile("(?ms)^[ \\t]*// README: [^\\n]*\\n(.*?)^[ \\t]*// README end$");

  @Test void everyJsBlockIsARegionOfARunTest() throws IOException {
    List<String> regions = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("src", "test", "js"))) {
      files.filter(path -> path.toString().endsWith(".test.js")).forEach(path -> {
        Matcher region = REGION.matcher(read(path));
        while (region.find()) regions.add(dedent(region.group(1)));
      });
    }
    List<String> problems = new ArrayList<>();
    int blocks = 0;
    for (String document : List.of("README.md", "PROTOCOL.md")) {
      Matcher block = BLOCK.matcher(read(Path.of(document)));
      while (block.find()) {
        blocks++;
        if (!regions.contains(dedent(block.group(1)))) {
          problems.add(document + ": a js block that is no region of src/test/js:\n" + block.group(1));
        }
      }
    }
    assertFalse(blocks < 2, "README.md and PROTOCOL.md have a js block each");
    assertEquals(List.of(), problems, String.join("\n", problems));
  }

  private static String dedent(String text) {
    String[] lines = text.split("\n", -1);
    int common = Integer.MAX_VALUE;
    for (String line : lines) {
      if (!line.isBlank()) common = Math.min(common, line.length() - line.stripLeading().length());
    }
    StringBuilder out = new StringBuilder();
    for (String line : lines) out.append(line.isBlank() ? "" : line.substring(common)).append('\n');
    return out.toString().strip();
  }

  private static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
