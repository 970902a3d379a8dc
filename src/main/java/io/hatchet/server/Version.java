package io.hatchet.server;

import picocli.CommandLine;

/** The version of the running jar, from its manifest. */
final class Version implements CommandLine.IVersionProvider {
  static String get() {
    String version = Main.class.getPackage().getImplementationVersion();
    return version == null ? "(development build)" : version;
  }

  @Override public String[] getVersion() {
    return new String[] {"hatchet-hub " + get(),
        "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
  }
}
