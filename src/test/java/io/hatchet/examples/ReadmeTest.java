package io.hatchet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.hatchet.examples.Readme.Block;
import io.hatchet.examples.Readme.Region;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * README.md's code blocks cannot rot: each is compiled, run or checked against the project.
 *
 * <p>The rules, for every block of README.md, whoever adds it:
 * <ul>
 *   <li>A {@code ```java} block is, verbatim, a region of an example under {@code examples/},
 *       between a line {@code // README: <section>} and a line {@code // README end}, with the
 *       indentation its lines share removed. {@code <section>} is the heading of the README
 *       section that holds the block. A region that is not a whole runnable body (a line of a
 *       builder, say) is marked {@code // README fragment: <section>} instead, and the prose just
 *       before its block in README.md says "fragment". Every region is in README.md, and its
 *       example class is run and checked by {@link ExamplesTest} (listed in
 *       {@link ExamplesTest#RUN}), or is a JUnit test of its own, named {@code ...Test}, which the
 *       build runs (the test kit's example).
 *   <li>A {@code ```sh} block holds commands of this project, one a line, {@code #} comments
 *       aside: {@code mvn} lines name only profiles ({@code -P}), executions
 *       ({@code exec:exec@id}, whose main class exists) and tests ({@code -Dtest=}) that exist;
 *       {@code openssl} lines are run by {@link ExamplesTest}; {@code java} lines run the
 *       service's jar, {@code java -jar target/hatchet-hub.jar COMMAND}, with one of its commands;
 *       {@code curl} lines are admin API calls, each checked against the API's routes by
 *       {@code io.hatchet.server.admin.AdminDocsTest}. Any other command fails here: for
 *       commands that are not the project's, use a block of no language.
 *   <li>A {@code ```xml} block's dependencies are this project or dependencies of its pom.xml,
 *       at the same versions.
 *   <li>Blocks of no language (output, layouts) are not checked.
 * </ul>
 * And a table is not split by a blank line, which would end it there.
 */
class ReadmeTest {
  private static final Set<String> COMMANDS = Set.of("mvn", "openssl", "java", "curl");
  private static final String SERVICE_JAR = "target/hatchet-hub.jar";

  @Test
  void everyJavaBlockIsAMarkedRegionOfAnExampleInItsSection() {
    List<Region> regions = Readme.regions();
    List<String> problems = new ArrayList<>();
    for (Block block : Readme.blocks("java")) {
      Region region = regions.stream().filter(r -> r.text().equals(block.text())).findFirst()
          .orElse(null);
      if (region == null) {
        problems.add("README.md:" + block.line() + ": this java block is no example's region;"
            + " paste it, between // README: " + block.section() + " and // README end, into an"
            + " example under examples/" + nearest(block, regions));
      } else if (!region.section().equals(block.section())) {
        problems.add("README.md:" + block.line() + ": the block is in section '" + block.section()
            + "', but " + region.where() + " names '" + region.section() + "'");
      } else if (region.fragment() && !block.before().toLowerCase().contains("fragment")) {
        problems.add("README.md:" + block.line() + ": the block is a fragment ("
            + region.where() + "); the prose before it must say so");
      }
    }
    assertEquals(List.of(), problems, String.join("\n", problems));
  }

  @Test
  void everyMarkedRegionIsInTheReadme() {
    Set<String> blocks = Readme.blocks("java").stream().map(Block::text)
        .collect(Collectors.toSet());
    List<String> stale = Readme.regions().stream().filter(r -> !blocks.contains(r.text()))
        .map(r -> r.where() + " (" + r.section() + ")").toList();
    assertEquals(List.of(), stale, "regions marked for README.md that it does not hold");
  }

  @Test
  void everyExampleHoldingARegionIsRunByTheExamplesTest() {
    Set<String> run = ExamplesTest.RUN.stream().map(Class::getName).collect(Collectors.toSet());
    List<String> notRun = Readme.regions().stream().map(Region::className).distinct()
        .filter(name -> !run.contains(name) && !isTest(name)).toList();
    assertEquals(List.of(), notRun, "examples that hold README blocks but no test runs");
    assertFalse(ExamplesTest.RUN.isEmpty());
  }

  /** An example that is a JUnit test itself (the test kit's): the build runs it as a test. */
  private static boolean isTest(String className) {
    try {
      return Stream.of(Class.forName(className).getDeclaredMethods())
          .anyMatch(method -> method.isAnnotationPresent(Test.class)) && className.endsWith("Test");
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  @Test
  void shBlocksRunOnlyCommandsOfTheProjectThatNameWhatExists() throws Exception {
    Pom pom = Pom.read();
    List<String> problems = new ArrayList<>();
    List<Block> blocks = Readme.blocks("sh");
    assertFalse(blocks.isEmpty());
    for (Block block : blocks) {
      for (String line : commands(block)) {
        String[] words = line.split("\\s+");
        String where = "README.md:" + block.line() + ": " + line + ": ";
        if (!COMMANDS.contains(words[0])) {
          problems.add(where + "'" + words[0] + "' is not a command of the project");
        } else if (words[0].equals("mvn")) {
          for (String word : words) problems.addAll(pom.check(word).stream().map(p -> where + p).toList());
        } else if (words[0].equals("java")) {
          problems.addAll(checkService(words).stream().map(p -> where + p).toList());
        }
      }
    }
    assertEquals(List.of(), problems, String.join("\n", problems));
  }

  @Test
  void xmlBlocksNameTheProjectAndItsDependenciesAtTheirVersions() throws Exception {
    Pom pom = Pom.read();
    List<Block> blocks = Readme.blocks("xml");
    assertFalse(blocks.isEmpty());
    for (Block block : blocks) {
      Document xml = parse("<blocks>" + block.text() + "</blocks>");
      NodeList dependencies = xml.getElementsByTagName("dependency");
      assertTrue(dependencies.getLength() > 0, "README.md:" + block.line() + ": no dependency");
      for (int i = 0; i < dependencies.getLength(); i++) {
        Element dependency = (Element) dependencies.item(i);
        String coordinates = text(dependency, "groupId") + ":" + text(dependency, "artifactId");
        assertEquals(pom.versions.get(coordinates), text(dependency, "version"),
            "README.md:" + block.line() + ": " + coordinates + " is at another version in pom.xml");
      }
    }
  }

  @Test
  void noTableIsSplitByABlankLine() throws Exception {
    List<String> lines = Files.readAllLines(Readme.README);
    for (int i = 1; i + 1 < lines.size(); i++) {
      boolean split = lines.get(i).isBlank() && lines.get(i - 1).startsWith("|")
          && lines.get(i + 1).startsWith("|");
      assertFalse(split, "README.md:" + (i + 1) + ": a blank line splits a table");
    }
  }

  /** What is wrong with a {@code java} line: it must run the service's jar with a command of it. */
  private static List<String> checkService(String[] words) {
    if (words.length < 4 || !words[1].equals("-jar") || !words[2].equals(SERVICE_JAR)) {
      return List.of("a java line runs java -jar " + SERVICE_JAR + " COMMAND");
    }
    Set<String> commands = new java.util.HashSet<>(Set.of("--help", "--version"));
    for (Class<?> command : io.hatchet.server.Main.class
        .getAnnotation(picocli.CommandLine.Command.class).subcommands()) {
      commands.add(command.getAnnotation(picocli.CommandLine.Command.class).name());
    }
    return commands.contains(words[3]) ? List.of()
        : List.of("the service has no command '" + words[3] + "'; it has " + commands);
  }

  /** A block's commands: its lines without comments, blank ones left out. */
  static List<String> commands(Block block) {
    return block.text().lines().map(line -> line.replaceFirst("(^|\\s)#.*$", "").trim())
        .filter(line -> !line.isEmpty()).toList();
  }

  private static String nearest(Block block, List<Region> regions) {
    String first = block.text().lines().findFirst().orElse("").trim();
    return regions.stream().filter(r -> r.text().contains(first)).findFirst()
        .map(r -> "; " + r.where() + " starts alike and differs").orElse("");
  }

  /** What pom.xml declares that README.md's commands and dependencies may name. */
  private static final class Pom {
    final Map<String, String> versions = new HashMap<>();
    final Set<String> profiles;
    final Map<String, String> executionMains = new HashMap<>();

    private Pom(Document pom) {
      Element project = pom.getDocumentElement();
      Map<String, String> properties = new HashMap<>();
      for (Element property : children(child(project, "properties"))) {
        properties.put(property.getTagName(), property.getTextContent().trim());
      }
      versions.put(text(project, "groupId") + ":" + text(project, "artifactId"),
          text(project, "version"));
      NodeList dependencies = pom.getElementsByTagName("dependency");
      for (int i = 0; i < dependencies.getLength(); i++) {
        Element dependency = (Element) dependencies.item(i);
        String version = text(dependency, "version");
        for (Map.Entry<String, String> p : properties.entrySet()) {
          version = version.replace("${" + p.getKey() + "}", p.getValue());
        }
        versions.put(text(dependency, "groupId") + ":" + text(dependency, "artifactId"), version);
      }
      profiles = elements(pom, "profile").map(p -> text(p, "id")).collect(Collectors.toSet());
      elements(pom, "execution").forEach(execution -> {
        NodeList arguments = execution.getElementsByTagName("argument");
        String main = arguments.getLength() == 0 ? ""
            : arguments.item(arguments.getLength() - 1).getTextContent().trim();
        executionMains.put(text(execution, "id"), main);
      });
    }

    static Pom read() throws Exception {
      return new Pom(parse(Files.readString(Path.of("pom.xml"))));
    }

    /** What is wrong with one word of an mvn command line; nothing for most words. */
    List<String> check(String word) {
      List<String> problems = new ArrayList<>();
      if (word.startsWith("-P")) {
        for (String profile : word.substring(2).split(",")) {
          if (!profiles.contains(profile)) problems.add("no profile '" + profile + "' in pom.xml");
        }
      } else if (word.contains("@")) {
        String id = word.substring(word.indexOf('@') + 1);
        String main = executionMains.get(id);
        if (main == null) {
          problems.add("no execution '" + id + "' in pom.xml");
        } else if (!main.startsWith("$")) { // a property: the benchmark's options
          try {
            Class.forName(main, false, getClass().getClassLoader());
          } catch (ClassNotFoundException e) {
            problems.add("execution '" + id + "' runs " + main + ", which does not exist");
          }
        }
      } else if (word.startsWith("-Dtest=")) {
        for (String test : word.substring("-Dtest=".length()).split(",")) {
          String name = test.replaceFirst("#.*", "");
          if (!testExists(name)) problems.add("no test class " + name + " in src/test/java");
        }
      }
      return problems;
    }

    private static boolean testExists(String name) {
      try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
        return files.anyMatch(f -> f.getFileName().toString().equals(name + ".java"));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  private static Document parse(String xml) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new InputSource(new java.io.StringReader(xml)));
  }

  private static Stream<Element> elements(Document document, String tag) {
    NodeList nodes = document.getElementsByTagName(tag);
    List<Element> elements = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) elements.add((Element) nodes.item(i));
    return elements.stream();
  }

  private static List<Element> children(Element parent) {
    List<Element> children = new ArrayList<>();
    if (parent == null) return children;
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element) children.add(element);
    }
    return children;
  }

  private static Element child(Element parent, String tag) {
    return children(parent).stream().filter(e -> e.getTagName().equals(tag)).findFirst()
        .orElse(null);
  }

  /** The text of {@code parent}'s child {@code tag}, which it must have. */
  private static String text(Element parent, String tag) {
    Element child = child(parent, tag);
    if (child == null) fail(parent.getTagName() + " without " + tag);
    return child.getTextContent().trim();
  }
}
