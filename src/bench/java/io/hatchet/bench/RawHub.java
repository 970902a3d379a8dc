package io.hatchet.bench;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.ChannelFuture;
import java.net.InetSocketAddress;
import java.util.Map;

/**
 * Bare netty-socketio 2.0.14, for the client-overhead comparison: what one would write without
 * hatchet. A consumer emits {@code watch {events}} and joins a room per event; a publisher emits
 * {@code publish {event, data}} and the server emits {@code deliver {event, data}} to the room.
 * Both are acknowledged. Same configuration as the hub where it matters (WebSocket compression
 * off, Netty's default event loops, TCP_NODELAY), nothing else: no sessions, keys or checks.
 *
 * <p>Usage: {@code RawHub}; see {@link ServerControl}.
 */
public final class RawHub {
  private RawHub() {}

  public static void main(String[] args) throws Exception {
    Configuration config = new Configuration();
    config.setHostname("127.0.0.1");
    config.setPort(0);
    config.setWebsocketCompression(false);
    config.getSocketConfig().setTcpNoDelay(true);
    SocketIOServer server = new SocketIOServer(config);
    ObjectNode ok = JsonNodeFactory.instance.objectNode().put("ok", true);
    server.addEventListener("watch", JsonNode.class, (client, request, ack) -> {
      for (JsonNode event : request.path("events")) client.joinRoom(event.asText());
      ack.sendAckData(ok);
    });
    server.addEventListener("publish", JsonNode.class, (client, request, ack) -> {
      String event = request.path("event").asText();
      server.getRoomOperations(event)
          .sendEvent("deliver", Map.of("event", event, "data", request.path("data")));
      ack.sendAckData(ok);
    });
    // startAsync's future is the bind's ChannelFuture: its channel knows the port picked.
    ChannelFuture bind = (ChannelFuture) server.startAsync().syncUninterruptibly();
    int port = ((InetSocketAddress) bind.channel().localAddress()).getPort();
    ServerControl.serve(port, () -> server.getAllClients().size(), server::stop);
  }
}
