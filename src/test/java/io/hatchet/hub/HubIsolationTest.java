package io.hatchet.hub;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The hub stands on Netty alone, and keeps its threads to itself. */
class HubIsolationTest {

  /**
   * EXPECTED TO FAIL until netty-socketio leaves the pom: neither it nor Jackson, which only it
   * brings, may be on the classpath, so that nothing in the hub can lean on their internals.
   */
  @DisplayName("FAILS until netty-socketio is removed: no netty-socketio or Jackson class loads")
  @Test void noClassOfNettySocketIoOrJacksonLoads() {
    ClassLoader loader = HubIsolationTest.class.getClassLoader();
    for (String name : List.of("com.corundumstudio.socketio.SocketIOServer",
        "com.corundumstudio.socketio.Configuration",
        "com.fasterxml.jackson.databind.ObjectMapper",
        "com.fasterxml.jackson.core.JsonFactory")) {
      assertThrows(ClassNotFoundException.class, () -> Class.forName(name, false, loader),
          () -> name + " is on the test classpath");
    }
  }

  /**
   * Every thread that starting a hub and serving its first connection creates is a daemon
   * named {@code hatchet-hub-...}. The connection is a {@link WireSocket}, which starts no
   * thread of its own, so every new thread is the hub's.
   */
  @Test void everyThreadOfTheHubIsADaemonNamedForIt() throws Exception {
    Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
    try (HatchetHub hub = TestApps.startHub(); WireSocket ws = WireSocket.open(hub)) {
      ws.ping(1);
      ws.text(Hostile.request(2, "auth", Hostile.auth("\"c1\"", TestApps.CONSUMER_KEY)));
      WireSocket.assertOk(2, ws.ack(2));
      Set<Thread> created = new HashSet<>(Thread.getAllStackTraces().keySet());
      created.removeAll(before);
      String others = created.stream()
          .filter(t -> !t.isDaemon() || !t.getName().startsWith("hatchet-hub-"))
          .map(t -> t.getName() + (t.isDaemon() ? "" : " (not a daemon)"))
          .collect(Collectors.joining(", "));
      assertTrue(others.isEmpty(), () -> "threads of the hub: " + others);
      assertTrue(!created.isEmpty(), "the hub runs on threads it started");
    }
  }
}
