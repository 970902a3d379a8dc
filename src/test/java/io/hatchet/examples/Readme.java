package io.hatchet.examples;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * README.md's fenced code blocks, and the regions of the example sources marked as README
 * blocks; what {@link ReadmeTest} compares and {@link ExamplesTest} runs.
 */
final class Readme {
  static final Path README = Path.of("README.md");
  static final Path EXAMPLES = Path.of("examples");
  private static final Pattern FENCE = Pattern.compile("^```(\\S*)\\s*$");
  private static final Pattern OPEN = Pattern.compile("^\\s*// README( fragment)?: (.+?)\\s*$");
  private static final Pattern CLOSE = Pattern.compile("^\\s*// README end\\s*$");

  /**
   * A fenced block: its language ("" if none), its text (each line ending in a newline), the
   * heading of the section it is in, the prose between it and the block or heading before it,
   * and the line its opening fence is on.
   */
  record Block(String language, String text, String section, String before, int line) {}

  /**
   * A marked region of an example source: the section it names, whether it is a fragment, its
   * text without the indentation its lines share, and where it starts.
   */
  record Region(Path file, String section, boolean fragment, String text, int line) {
    /** The example's class, named by its file under {@code examples/}. */
    String className() {
      String relative = EXAMPLES.relativize(file).toString().replace(file.getFileSystem()
          .getSeparator(), ".");
      return relative.substring(0, relative.length() - ".java".length());
    }

    String where() {
      return file + ":" + line;
    }
  }

  private Readme() {}

  static List<Block> blocks() {
    List<String> lines = lines(README);
    List<Block> blocks = new ArrayList<>();
    String section = "";
    StringBuilder before = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher fence = FENCE.matcher(line);
      if (fence.matches()) {
        int start = i;
        StringBuilder text = new StringBuilder();
        for (i++; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
          text.append(lines.get(i)).append('\n');
        }
        if (i == lines.size()) fail(README + ":" + (start + 1) + ": a block that never ends");
        blocks.add(new Block(fence.group(1), text.toString(), section, before.toString(), start + 1));
        before.setLength(0);
      } else if (line.startsWith("#")) {
        section = line.replaceFirst("^#+\\s*", "").trim();
        before.setLength(0);
      } else {
        before.append(line).append('\n');
      }
    }
    return blocks;
  }

  static List<Block> blocks(String language) {
    return blocks().stream().filter(block -> block.language().equals(language)).toList();
  }

  static List<Region> regions() {
    List<Region> regions = new ArrayList<>();
    try (Stream<Path> files = Files.walk(EXAMPLES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        regions.addAll(regions(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return regions;
  }

  private static List<Region> regions(Path file) {
    List<String> lines = lines(file);
    List<Region> regions = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher open = OPEN.matcher(lines.get(i));
      if (!open.matches()) {
        if (CLOSE.matcher(lines.get(i)).matches()) fail(file + ":" + (i + 1) + ": an end before a start");
        continue;
      }
      int start = i;
      List<String> body = new ArrayList<>();
      for (i++; i < lines.size() && !CLOSE.matcher(lines.get(i)).matches(); i++) {
        if (OPEN.matcher(lines.get(i)).matches()) fail(file + ":" + (i + 1) + ": a start inside a region");
        body.add(lines.get(i));
      }
      if (i == lines.size()) fail(file + ":" + (start + 1) + ": a region that never ends");
      regions.add(new Region(file, open.group(2), open.group(1) != null, outdented(body), start + 1));
    }
    return regions;
  }

  /** The lines without the indentation they share, each ending in a newline. */
  private static String outdented(List<String> lines) {
    int indent = lines.stream().filter(line -> !line.isBlank())
        .mapToInt(line -> line.length() - line.stripLeading().length()).min().orElse(0);
    StringBuilder text = new StringBuilder();
    for (String line : lines) text.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
    return text.toString();
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
