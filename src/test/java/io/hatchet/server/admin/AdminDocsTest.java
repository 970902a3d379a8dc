package io.hatchet.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README documents every admin call with a curl line, and each of its curl lines is a call
 * the admin API has: its method and path are routed, and it carries the token.
 */
class AdminDocsTest {
  private static final Pattern URL = Pattern.compile("http://127\\.0\\.0\\.1:7801(/[^\\s'\"?]*)");

  @Test
  void everyCurlLineIsARouteAndEveryRouteHasACurlLine() throws Exception {
    Router router = AdminApi.routes();
    List<String> problems = new ArrayList<>();
    Set<String> documented = new LinkedHashSet<>();
    List<String> lines = Files.readAllLines(Path.of("README.md")).stream()
        .filter(line -> line.startsWith("curl ")).toList();
    assertTrue(lines.size() >= router.routes().size(), "curl lines: " + lines.size());
    for (String line : lines) {
      Matcher url = URL.matcher(line);
      if (!url.find()) {
        problems.add(line + ": no admin URL");
        continue;
      }
      Matcher explicit = Pattern.compile("-X (\\w+)").matcher(line);
      String method = explicit.find() ? explicit.group(1) : line.contains(" -d ") ? "POST" : "GET";
      if (!line.contains("-H \"Authorization: Bearer $HATCHET_ADMIN_TOKEN\"")) {
        problems.add(line + ": no token");
      }
      try {
        documented.add(method + " " + router.find(method, url.group(1)).pattern());
      } catch (AdminException e) {
        problems.add(line + ": " + e.getMessage());
      }
    }
    assertEquals(List.of(), problems, String.join("\n", problems));
    List<String> undocumented = router.routes().stream().filter(r -> !documented.contains(r)).toList();
    assertEquals(List.of(), undocumented, "routes with no curl line in README.md");
  }
}
