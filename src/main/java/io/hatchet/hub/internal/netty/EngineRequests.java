package io.hatchet.hub.internal.netty;

import io.hatchet.hub.internal.netty.HttpAnswers.EngineError;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.util.AttributeKey;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers every whole HTTP request of the server's connections: Engine.IO requests on the
 * Engine.IO path (handshakes, polls, posts, WebSocket handshakes), {@link HttpRoutes} on the
 * others. Runs on the connection's event loop; hands a request for a session to the session's
 * loop. Checks each request's Engine.IO query before anything else, and answers what fails with
 * the reference server's error answers.
 */
@ChannelHandler.Sharable
final class EngineRequests extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger logger = LoggerFactory.getLogger(EngineRequests.class);
  private static final QuietLog log = new QuietLog(logger);
  /** The socket whose GET a connection holds, so that its closing can end that poll. */
  private static final AttributeKey<Socket> POLLING = AttributeKey.valueOf("hatchet.polling");

  private final SocketServer server;
  private final ServerConfig config;
  /** The path without its trailing slash, which clients may also use. */
  private final String shortPath;
  private final WebSocketDecoderConfig webSocketConfig;

  EngineRequests(SocketServer server) {
    this.server = server;
    this.config = server.config();
    this.shortPath = config.path().substring(0, config.path().length() - 1);
    this.webSocketConfig = WebSocketDecoderConfig.newBuilder()
        .maxFramePayloadLength(config.maxPayload())
        .allowExtensions(false)
        // WebSocketFrames answers a violation itself, lingering so that its close frame is read.
        .closeOnProtocolViolation(false)
        .build();
  }

  @Override protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    Channel channel = ctx.channel();
    if (Lingering.isClosing(channel)) {
      return; // answered its last; read only so that the connection ends cleanly
    }
    if (request.decoderResult().isFailure()) {
      log.warn(String.valueOf(channel.remoteAddress()), "sent a request HTTP cannot read");
      HttpAnswers.write(channel, EngineError.BAD_REQUEST.response(), false, null, config.cors());
      return;
    }
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    String origin = request.headers().get(HttpHeaderNames.ORIGIN);
    QueryStringDecoder query = new QueryStringDecoder(request.uri());
    Map<String, List<String>> parameters;
    try {
      parameters = query.parameters();
    } catch (IllegalArgumentException e) { // a malformed %-escape
      answer(channel, EngineError.BAD_REQUEST.response(), false, origin);
      return;
    }
    String path = query.path();
    if (!path.equals(config.path()) && !path.equals(shortPath)) {
      FullHttpResponse response = config.routes().answer(request);
      answer(channel, response != null ? response
          : HttpAnswers.answer(HttpResponseStatus.NOT_FOUND, HttpAnswers.TEXT, "not found"),
          keepAlive, origin);
      return;
    }
    engine(channel, request, parameters, keepAlive, origin);
  }

  private void engine(Channel channel, FullHttpRequest request,
      Map<String, List<String>> parameters, boolean keepAlive, String origin) {
    if (!config.cors().allows(origin)) {
      answer(channel, EngineError.FORBIDDEN.response(), false, origin);
      return;
    }
    HttpMethod method = request.method();
    if (method.equals(HttpMethod.OPTIONS)) {
      FullHttpResponse response =
          HttpAnswers.answer(HttpResponseStatus.NO_CONTENT, null, Unpooled.EMPTY_BUFFER);
      config.cors().addPreflightHeaders(request.headers(), response.headers());
      answer(channel, response, keepAlive, origin);
      return;
    }
    if (!"4".equals(single(parameters, "EIO"))) {
      answer(channel, EngineError.UNSUPPORTED_PROTOCOL_VERSION.response(), keepAlive, origin);
      return;
    }
    String transport = single(parameters, "transport");
    boolean webSocket = "websocket".equals(transport);
    // A transport the hub does not allow is answered as one it does not know, as socket.io's
    // own server answers it.
    if (transport == null || !config.transports().contains(transport)) {
      answer(channel, EngineError.UNKNOWN_TRANSPORT.response(), keepAlive, origin);
      return;
    }
    // JSONP polling is Engine.IO 3's; socket.io 3 and later clients never ask for it.
    if (parameters.containsKey("j") || webSocket != isWebSocketUpgrade(request)) {
      answer(channel, EngineError.BAD_REQUEST.response(), keepAlive, origin);
      return;
    }
    String sid = single(parameters, "sid");
    if (sid == null) {
      if (!method.equals(HttpMethod.GET)) {
        answer(channel, EngineError.BAD_HANDSHAKE_METHOD.response(), keepAlive, origin);
      } else if (server.refusesNewSessions()) {
        // Clients take it as any failed attempt, and try again later, or elsewhere.
        answer(channel, HttpAnswers.answer(HttpResponseStatus.SERVICE_UNAVAILABLE,
            "application/json", "{\"code\":3,\"message\":\"The hub is closing\"}"), false,
            origin);
      } else if (!server.admits(channel)) {
        log.warn(String.valueOf(channel.remoteAddress()), "opened more connections than"
            + " maxConnectionsPerIp");
        answer(channel, HttpAnswers.answer(HttpResponseStatus.TOO_MANY_REQUESTS,
            "application/json", "{\"code\":3,\"message\":\"Too many connections from this"
                + " address\"}"), false, origin);
      } else if (webSocket) {
        handshake(channel, request, null);
      } else {
        Socket socket = server.open(channel, false);
        socket.keepHandshake(request.headers());
        poll(socket, channel, keepAlive, origin);
      }
      return;
    }
    Socket socket = server.socket(sid);
    if (socket == null) {
      answer(channel, EngineError.UNKNOWN_SID.response(), keepAlive, origin);
    } else if (webSocket) {
      handshake(channel, request, socket);
    } else if (method.equals(HttpMethod.GET)) {
      poll(socket, channel, keepAlive, origin);
    } else if (method.equals(HttpMethod.POST)) {
      // Counted active since its request line came (see refusesPost).
      ByteBuf body = request.content().retain();
      socket.onLoop(() -> socket.post(channel, body, keepAlive, origin));
    } else {
      answer(channel, EngineError.BAD_REQUEST.response(), keepAlive, origin);
    }
  }

  private void poll(Socket socket, Channel channel, boolean keepAlive, String origin) {
    channel.attr(POLLING).set(socket);
    socket.onLoop(() -> socket.poll(channel, keepAlive, origin));
  }

  /**
   * Completes a WebSocket handshake on {@code channel}, and opens a session on it or, with
   * {@code upgrading}, offers it to that session as its upgrade.
   */
  private void handshake(Channel channel, FullHttpRequest request, Socket upgrading) {
    WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(
        (config.tls() != null ? "wss://" : "ws://") + request.headers().get(HttpHeaderNames.HOST)
            + config.path(), null,
        webSocketConfig).newHandshaker(request);
    if (handshaker == null) {
      WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(channel);
      return;
    }
    ChannelPipeline pipeline = channel.pipeline();
    try {
      // Writes the 101 answer, and puts the WebSocket codec in place of HTTP's at once.
      handshaker.handshake(channel, request);
    } catch (RuntimeException e) { // a key or version the handshake refuses
      log.warn(String.valueOf(channel.remoteAddress()), "sent a WebSocket handshake it refused");
      answer(channel, EngineError.BAD_REQUEST.response(), false, null);
      return;
    }
    pipeline.remove(HttpPipeline.DEADLINES);
    pipeline.remove(HttpPipeline.POSTS);
    pipeline.remove(this);
    Socket socket = upgrading;
    if (socket == null) {
      socket = server.open(channel, true);
      socket.keepHandshake(request.headers());
    }
    pipeline.addLast(new WebSocketFrameAggregator(config.maxPayload()),
        new WebSocketFrames(socket));
    if (upgrading != null) {
      upgrading.onLoop(() -> upgrading.probe(channel));
    }
  }

  /** What {@link #countPost} did: counted {@code socket}'s POST (null: none), or refused it. */
  record PostCount(Socket socket, boolean refused) {
    static final PostCount NONE = new PostCount(null, false);
    static final PostCount REFUSED = new PostCount(null, true);
  }

  /**
   * Called with each request's head, before its body: counts a polling POST of a session as
   * active; if another of the session's is active already, answers this one 400 and closes the
   * session.
   */
  PostCount countPost(Channel channel, HttpRequest request) {
    if (!request.method().equals(HttpMethod.POST) || Lingering.isClosing(channel)) {
      return PostCount.NONE;
    }
    QueryStringDecoder query = new QueryStringDecoder(request.uri());
    String sid;
    try {
      if (!query.path().equals(config.path()) && !query.path().equals(shortPath)
          || "websocket".equals(single(query.parameters(), "transport"))) {
        return PostCount.NONE;
      }
      sid = single(query.parameters(), "sid");
    } catch (IllegalArgumentException e) {
      return PostCount.NONE; // answered when the request is whole
    }
    Socket socket = sid != null ? server.socket(sid) : null;
    if (socket == null) {
      return PostCount.NONE;
    }
    if (socket.activePosts.incrementAndGet() == 1) {
      return new PostCount(socket, false);
    }
    socket.activePosts.decrementAndGet();
    log.warn(socket.id(), "sent a second POST while one was pending; closing it");
    socket.close("overlapping POST requests");
    answer(channel, EngineError.BAD_REQUEST.response(), false,
        request.headers().get(HttpHeaderNames.ORIGIN));
    return PostCount.REFUSED;
  }

  /** Answers 413 to a request whose body is over the limit, and ends its session. */
  void oversized(Channel channel, HttpRequest request) {
    String sid;
    try {
      sid = single(new QueryStringDecoder(request.uri()).parameters(), "sid");
    } catch (IllegalArgumentException e) {
      sid = null;
    }
    Socket socket = sid != null ? server.socket(sid) : null;
    if (socket != null) {
      log.warn(socket.id(), "sent a request body over maxPayload; closing it");
      socket.close("a request body over maxPayload");
    }
    answer(channel, HttpAnswers.answer(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
        HttpAnswers.TEXT, "request body over maxPayload"), false,
        request.headers().get(HttpHeaderNames.ORIGIN));
  }

  @Override public void channelInactive(ChannelHandlerContext ctx) {
    Socket socket = ctx.channel().attr(POLLING).getAndSet(null);
    if (socket != null) {
      Channel channel = ctx.channel();
      socket.onLoop(() -> socket.pollChannelClosed(channel));
    }
    ctx.fireChannelInactive();
  }

  @Override public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof IOException || cause instanceof RejectedExecutionException) {
      // A peer that resets its connection, or one that closes while the hub stops: routine.
      logger.debug("channel {}: {}", ctx.channel(), cause.toString());
    } else {
      log.warn(String.valueOf(ctx.channel().remoteAddress()), "broke its connection: " + cause);
    }
    ctx.close();
  }

  private void answer(Channel channel, FullHttpResponse response, boolean keepAlive,
      String origin) {
    HttpAnswers.write(channel, response, keepAlive, origin, config.cors());
  }

  private static boolean isWebSocketUpgrade(HttpRequest request) {
    return request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET,
        true);
  }

  /** The parameter's value; null if it is missing or given more than once. */
  private static String single(Map<String, List<String>> parameters, String name) {
    List<String> values = parameters.get(name);
    return values != null && values.size() == 1 ? values.get(0) : null;
  }
}
