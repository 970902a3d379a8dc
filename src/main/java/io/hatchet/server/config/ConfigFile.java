package io.hatchet.server.config;

import io.hatchet.server.config.ConfigNode.Entry;
import io.hatchet.server.config.ConfigNode.Mapping;
import io.hatchet.server.config.ConfigNode.Scalar;
import io.hatchet.server.config.ConfigNode.Sequence;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.common.ScalarStyle;

/**
 * Reads a config file, YAML or JSON, into a {@link ConfigNode} tree with {@code ${VAR}}
 * substituted. JSON is read by the same YAML 1.2 parser, of which it is a subset; a file whose
 * name ends in {@code .json}, or whose text starts with <code>{</code>, is called JSON in
 * errors. Duplicate keys and keys that are not plain text are errors; like every other error,
 * each is collected, and all of them are thrown together.
 */
final class ConfigFile {
  /** Bigger than any config; bounds what a wrong path (a log file, say) would cost to read. */
  static final long MAX_BYTES = 1L << 20;

  private final Path file;
  private final Substitution substitution;
  private final List<ConfigError> errors = new ArrayList<>();

  private ConfigFile(Path file, Map<String, String> env) {
    this.file = file;
    this.substitution = new Substitution(env);
  }

  /** The file's top-level mapping, with the errors the tree already shows added to {@code errors}. */
  static Mapping read(Path file, Map<String, String> env, List<ConfigError> errors)
      throws ConfigException, NoSuchFileException {
    ConfigFile reader = new ConfigFile(file, env);
    String text = reader.text();
    boolean json = file.getFileName().toString().endsWith(".json") || text.stripLeading().startsWith("{");
    String format = json ? "a JSON object" : "a YAML map";
    if (json) reader.checkJson(text);
    Optional<Node> root;
    try {
      root = new Compose(LoadSettings.builder().setLabel(file.toString())
          .setMaxAliasesForCollections(50).build()).composeString(text);
    } catch (MarkedYamlEngineException e) {
      int line = e.getProblemMark().or(e::getContextMark).map(m -> m.getLine() + 1).orElse(0);
      String problem = e.getProblem() == null ? "cannot be read" : e.getProblem();
      throw new ConfigException(file, List.of(new ConfigError("", line,
          (json ? "not JSON: " : "not YAML: ") + problem.strip(), format)));
    } catch (YamlEngineException e) {
      throw new ConfigException(file, List.of(new ConfigError("", 0,
          (json ? "not JSON: " : "not YAML: ") + e.getMessage(), format)));
    }
    if (root.isEmpty() || !(root.get() instanceof MappingNode)) {
      throw new ConfigException(file, List.of(new ConfigError("", 1,
          root.isEmpty() ? "is empty" : "holds " + reader.convert(root.get(), "").kind(),
          format + " of settings (java -jar hatchet-hub.jar init writes one)")));
    }
    Mapping mapping = (Mapping) reader.convert(root.get(), "");
    errors.addAll(reader.errors);
    return mapping;
  }

  /**
   * Refuses JSON text that is not strict JSON, which the YAML parser would take: YAML reads
   * <code>{"a": }</code> as a null, and comments and unquoted names as text.
   */
  private void checkJson(String text) throws ConfigException {
    try (com.google.gson.stream.JsonReader reader =
        new com.google.gson.stream.JsonReader(new java.io.StringReader(text))) {
      reader.setStrictness(com.google.gson.Strictness.STRICT);
      com.google.gson.JsonParser.parseReader(reader);
      if (reader.peek() != com.google.gson.stream.JsonToken.END_DOCUMENT) {
        throw new com.google.gson.JsonSyntaxException("text after the object");
      }
    } catch (com.google.gson.JsonParseException | IOException e) {
      String message = e.getMessage() == null ? "cannot be read" : e.getMessage();
      java.util.regex.Matcher where = java.util.regex.Pattern.compile("at line (\\d+)").matcher(message);
      int line = where.find() ? Integer.parseInt(where.group(1)) : 0;
      String problem = message.replaceFirst("^[\\w.]+Exception: ", "")
          .replaceFirst(" at line \\d+ column \\d+ path .*", "").replaceFirst("\\s*See https?://\\S+", "");
      throw new ConfigException(file, List.of(new ConfigError("", line, "not JSON: " + problem,
          "a JSON object")));
    }
  }

  private String text() throws ConfigException, NoSuchFileException {
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw new ConfigException(file, List.of(new ConfigError("", 0,
            "is " + size + " bytes long", "a config file of at most " + MAX_BYTES + " bytes")));
      }
      return StandardCharsets.UTF_8.newDecoder().decode(
          java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
    } catch (NoSuchFileException e) {
      throw e;
    } catch (CharacterCodingException e) {
      throw new ConfigException(file, List.of(new ConfigError("", 0, "is not UTF-8 text",
          "a YAML or JSON file in UTF-8")));
    } catch (IOException e) {
      throw new ConfigException(file, List.of(new ConfigError("", 0,
          "cannot be read: " + e.getMessage(), "a readable file")));
    }
  }

  private ConfigNode convert(Node node, String path) {
    int line = line(node.getStartMark());
    if (node instanceof ScalarNode scalar) {
      boolean isNull = scalar.getTag().equals(Tag.NULL);
      boolean quoted = scalar.getScalarStyle() != ScalarStyle.PLAIN;
      String text = isNull ? "" : substitution.apply(scalar.getValue(), path, line, errors);
      return text == null ? new Scalar("", true, quoted, line, true)
          : new Scalar(text, isNull, quoted, line, false);
    }
    if (node instanceof SequenceNode sequence) {
      List<ConfigNode> items = new ArrayList<>();
      for (Node item : sequence.getValue()) {
        items.add(convert(item, path + "[" + items.size() + "]"));
      }
      return new Sequence(items, line);
    }
    MappingNode mapping = (MappingNode) node;
    List<Entry> entries = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      int keyLine = line(tuple.getKeyNode().getStartMark());
      if (!(tuple.getKeyNode() instanceof ScalarNode key) || key.getTag().equals(Tag.NULL)) {
        errors.add(new ConfigError(path, keyLine, "has a key that is not a name",
            "keys that are plain names"));
        continue;
      }
      String name = key.getValue();
      String childPath = path.isEmpty() ? name : path + "." + name;
      Integer first = seen.putIfAbsent(name, keyLine);
      if (first != null) {
        errors.add(new ConfigError(childPath, keyLine, "is given twice (also on line " + first
            + ")", "each field once"));
        continue;
      }
      entries.add(new Entry(name, keyLine, convert(tuple.getValueNode(), childPath)));
    }
    return new Mapping(entries, line);
  }

  private static int line(Optional<Mark> mark) {
    return mark.map(m -> m.getLine() + 1).orElse(0);
  }
}
