package io.hatchet.hub.internal;

/**
 * Checks, before anything of the hub touches Netty, that Netty's HTTP codec is on the class path:
 * hatchet's POM declares it optional, so that clients do not pull it, and an application that
 * embeds the hub without adding it would otherwise get a {@code NoClassDefFoundError} from deep
 * inside the server. Refers to Netty by name only, so that it loads without it.
 */
public final class NettyCheck {
  /** The version hatchet is built and tested with: {@code netty.version} in its POM. */
  public static final String NETTY_VERSION = "4.1.130.Final";

  /** One class of each Netty jar the hub uses: the codec, its handlers, transport and buffers. */
  private static final String[] CLASSES = {
      "io.netty.handler.codec.http.HttpServerCodec",
      "io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory",
      "io.netty.channel.Channel",
      "io.netty.buffer.ByteBuf",
  };

  private NettyCheck() {}

  /**
   * Throws IllegalStateException naming the dependency to add if any Netty class the hub needs
   * cannot be found by {@code loader}.
   */
  public static void require(ClassLoader loader) {
    for (String name : CLASSES) {
      try {
        Class.forName(name, false, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        throw new IllegalStateException("The hub needs Netty's HTTP codec, which is not on the "
            + "class path (" + name + " is missing): add the dependency "
            + "io.netty:netty-codec-http:" + NETTY_VERSION + " to the application that embeds "
            + "the hub (hatchet's POM declares it optional, so that clients do not pull it; see "
            + "README, Dependencies)", e);
      }
    }
  }
}
