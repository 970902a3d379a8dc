package io.hatchet.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The service is in the library's jar, but a library user pulls none of what only the service
 * needs. Maven installs pom.xml as it is, and a dependency marked optional is not passed on:
 * so what a user pulls is every dependency of pom.xml that is neither optional nor of test
 * scope, and that list is kept here. And the service uses the hub's public API only.
 */
class ServiceDependenciesTest {
  /** What a client-only user pulls: README, "Dependencies". */
  private static final Set<String> PULLED = Set.of("com.squareup.okhttp3:okhttp",
      "com.google.code.gson:gson", "org.slf4j:slf4j-api", "io.jsonwebtoken:jjwt-api",
      "io.jsonwebtoken:jjwt-impl", "io.jsonwebtoken:jjwt-gson");
  private static final Set<String> SERVICE_ONLY = Set.of("info.picocli:picocli",
      "ch.qos.logback:logback-classic", "org.snakeyaml:snakeyaml-engine",
      "io.micrometer:micrometer-registry-prometheus");

  @Test
  void aLibraryUserPullsNoneOfTheServicesDependencies() throws Exception {
    Element project = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new File("pom.xml")).getDocumentElement();
    Set<String> pulled = new TreeSet<>();
    Set<String> optional = new TreeSet<>();
    for (Element dependency : children(child(project, "dependencies"), "dependency")) {
      String name = text(dependency, "groupId") + ":" + text(dependency, "artifactId");
      String scope = text(dependency, "scope");
      if ("test".equals(scope) || "provided".equals(scope)) continue;
      ("true".equals(text(dependency, "optional")) ? optional : pulled).add(name);
    }
    assertEquals(new TreeSet<>(PULLED), pulled, "what a library user pulls");
    assertTrue(optional.containsAll(SERVICE_ONLY), "optional: " + optional);
  }

  @Test
  void theServiceUsesNoInternalsAndNothingUsesTheService() throws IOException {
    List<String> wrong = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java/io/hatchet"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        boolean service = file.toString().contains("/io/hatchet/server/");
        for (String line : Files.readAllLines(file)) {
          if (!line.startsWith("import ")) continue;
          if (service && (line.contains("io.hatchet.internal") || line.contains("io.hatchet.hub.internal"))) {
            wrong.add(file + ": " + line);
          }
          if (!service && line.contains("io.hatchet.server")) wrong.add(file + ": " + line);
        }
      }
    }
    assertEquals(List.of(), wrong);
  }

  private static Element child(Element parent, String tag) {
    List<Element> found = children(parent, tag);
    return found.isEmpty() ? null : found.get(0);
  }

  private static List<Element> children(Element parent, String tag) {
    List<Element> children = new ArrayList<>();
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && element.getTagName().equals(tag)) children.add(element);
    }
    return children;
  }

  private static String text(Element parent, String tag) {
    Element child = child(parent, tag);
    return child == null ? null : child.getTextContent().trim();
  }
}
