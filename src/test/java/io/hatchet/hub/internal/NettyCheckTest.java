package io.hatchet.hub.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/*
 * Why: an application that embedded the hub without netty-codec-http (optional in hatchet's POM)
 * got a NoClassDefFoundError from deep inside the server, naming a Netty class and no dependency.
 */
/** HatchetHub.builder() names the dependency to add when Netty is not on the class path. */
class NettyCheckTest {
  @Test void builderWithoutNettySaysWhichDependencyToAdd() throws Exception {
    try (URLClassLoader withoutNetty = new URLClassLoader(classPathWithout("netty"),
        ClassLoader.getPlatformClassLoader())) {
      Class<?> hub = Class.forName("io.hatchet.hub.HatchetHub", true, withoutNetty);
      InvocationTargetException e = assertThrows(InvocationTargetException.class,
          () -> hub.getMethod("builder").invoke(null));
      IllegalStateException missing = assertInstanceOf(IllegalStateException.class, e.getCause(),
          "not the exception that names the dependency");
      assertTrue(missing.getMessage().contains("io.netty:netty-codec-http:" + pomNettyVersion()),
          missing.getMessage());
    }
  }

  @Test void theVersionNamedIsThePomsAndTheReadmes() throws Exception {
    assertEquals(pomNettyVersion(), NettyCheck.NETTY_VERSION);
    String readme = Files.readString(Path.of("README.md"));
    assertTrue(readme.contains("<artifactId>netty-codec-http</artifactId>\n  <version>"
        + NettyCheck.NETTY_VERSION + "</version>"), "README, Dependencies, names another version");
  }

  @Test void withNettyTheCheckPasses() {
    NettyCheck.require(NettyCheckTest.class.getClassLoader());
  }

  private static String pomNettyVersion() throws Exception {
    Matcher m = Pattern.compile("<netty\\.version>([^<]+)</netty\\.version>")
        .matcher(Files.readString(Path.of("pom.xml")));
    assertTrue(m.find(), "no netty.version in pom.xml");
    return m.group(1);
  }

  /** This JVM's class path, less every entry whose name contains {@code left}. */
  private static URL[] classPathWithout(String left) throws Exception {
    List<URL> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (entry.isEmpty() || Path.of(entry).getFileName().toString().contains(left)) continue;
      urls.add(Path.of(entry).toUri().toURL());
    }
    return urls.toArray(URL[]::new);
  }
}
