package io.hatchet.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What both sides read here says what PROTOCOL.md says. */
class WireContractTest {
  private static String protocol() throws IOException {
    return Files.readString(Path.of("PROTOCOL.md"));
  }

  @Test void protocolListsEveryErrorCodeAndNoOther() throws IOException {
    String text = protocol();
    String table = text.substring(text.indexOf("| code | meaning |"), text.indexOf("### `auth`"));
    Set<String> documented = new TreeSet<>();
    Matcher row = Pattern.compile("^\\| `([a-z_]+)` \\|", Pattern.MULTILINE).matcher(table);
    while (row.find()) {
      documented.add(row.group(1));
    }
    Set<String> codes = Arrays.stream(ErrorCode.values())
        .map(ErrorCode::wireName)
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(codes, documented);
  }

  @Test void errorCodesReadBackFromTheWire() {
    for (ErrorCode code : ErrorCode.values()) {
      assertSame(code, ErrorCode.fromWire(code.wireName()));
    }
    assertNull(ErrorCode.fromWire("from_a_newer_hub"));
    assertNull(ErrorCode.fromWire(null));
  }

  @Test void protocolDocumentsEveryEvent() throws IOException {
    String text = protocol();
    for (String event : new String[] {Events.AUTH, Events.WATCH, Events.UNWATCH, Events.ALIAS,
        Events.PUBLISH, Events.END, Events.JOIN, Events.LEAVE, Events.CONSUMERS, Events.PING,
        Events.DELIVER, Events.HUB_ERROR}) {
      assertTrue(text.contains("### `" + event + "`") || text.contains("/ `" + event + "`"),
          () -> "PROTOCOL.md has no section for " + event);
    }
    assertTrue(text.contains("version " + Events.PROTOCOL_VERSION));
  }

  @Test void limitsCountCodePoints() {
    assertEquals(Limits.MAX_NAME_LENGTH, Limits.length("🪓".repeat(Limits.MAX_NAME_LENGTH)));
  }

  @Test void idsAre22UrlSafeCharacters() {
    String id = Ids.random();
    assertTrue(id.matches("[A-Za-z0-9_-]{22}"), id);
    assertTrue(id.length() <= Limits.MAX_SESSION_LENGTH);
    assertNotEquals(id, Ids.random());
  }

  @Test void tokensAreToldFromKeysByTheirShape() {
    assertTrue(Claims.looksLikeToken("eyJhbGciOiJIUzI1NiJ9.e30.c2ln"));
    assertFalse(Claims.looksLikeToken("I6mMbTSOq4rCdM"));
    assertEquals("user:ben", Claims.userRoom("ben"));
  }
}
