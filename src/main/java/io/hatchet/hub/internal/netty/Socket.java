package io.hatchet.hub.internal.netty;

import io.hatchet.protocol.PacketHeader;
import io.hatchet.protocol.StrictJson;
import com.google.gson.JsonObject;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Engine.IO session and its socket.io connection to the default namespace: what a client
 * is to the hub, whichever transport it uses.
 *
 * <p>Its state lives on one event loop, {@link #loop()}, the loop of the channel it was opened
 * on: requests that arrive on other channels (each polling request may come on a connection of
 * its own) are handed to it. Everything written to it goes through {@link #send}, which counts
 * the bytes that wait: in its polling buffer until the client polls, or in the WebSocket's
 * outbound buffer until the network takes them. Past the server's backlog limit the socket is
 * closed, so that a client that does not read cannot take the hub's memory.
 */
public final class Socket {
  private static final Logger logger = LoggerFactory.getLogger(Socket.class);
  private static final QuietLog log = new QuietLog(logger);
  private static final byte RECORD_SEPARATOR = 0x1e;
  /** The most a polling answer carries, unless one packet alone is larger. */
  private static final int MAX_POLL_ANSWER = 1 << 20;
  /** How long a WebSocket upgrade may take from its handshake to its {@code 5}. */
  private static final long UPGRADE_TIMEOUT_MILLIS = 10_000;
  /** How deep a CONNECT's auth object may nest: only an application's authorizer reads it. */
  private static final int MAX_AUTH_NESTING = 32;

  private final String id;
  private final SocketServer server;
  private final EventLoop loop;
  private final String remoteAddress;
  /** The client's IP address, which {@link SocketServer#maxConnectionsPerIp} counts by. */
  final String ip;
  private volatile Object attachment;
  /** POSTs that arrived and are not answered yet: more than one at a time breaks the rules. */
  final AtomicInteger activePosts = new AtomicInteger();

  // Confined to the loop:
  private Channel webSocket; // the transport once it is a WebSocket
  private Channel probe; // a WebSocket being upgraded to
  private boolean probed; // it sent 2probe
  private Channel pendingGet;
  private boolean pendingGetKeepAlive;
  private String pendingGetOrigin;
  private final ArrayDeque<ByteBuf> pollBuffer = new ArrayDeque<>();
  /** Changed on the loop; volatile for {@link #queuedBytes}, which any thread may call. */
  private volatile long pollBufferBytes;
  private boolean pollFlushScheduled;
  private boolean connected;
  private boolean closed;
  /** Closed because the client said so: its last POST is still answered {@code ok}. */
  private boolean closedByClient;
  /** Closed because more than the backlog limit waited for it. */
  private volatile boolean tooSlow;
  /** Set by {@link #stopRequests} or {@link #leave}: the client's EVENTs are dropped unread. */
  private boolean deaf;
  /** Set by {@link #leave}: completed once its goodbye is written, or the socket closed. */
  private CompletableFuture<Boolean> leaving;
  private String leavingReason;
  private ScheduledFuture<?> pingTimer;
  private ScheduledFuture<?> pongDeadline;
  private ScheduledFuture<?> handshakeDeadline;
  private ScheduledFuture<?> upgradeDeadline;
  /** The handshake's headers and the CONNECT payload, until the handler has seen them. */
  private HttpHeaders handshakeHeaders;
  private String handshakeAuth;

  private final RateBucket requests;
  private final RateBucket frames;

  Socket(String id, SocketServer server, EventLoop loop, String ip, String remoteAddress) {
    this.id = id;
    this.server = server;
    this.loop = loop;
    this.ip = ip;
    this.remoteAddress = remoteAddress;
    int rate = server.config().maxRequestsPerSecond();
    this.requests = RateBucket.of(rate);
    this.frames = RateBucket.of(2 * rate);
  }

  /** The Engine.IO session id. */
  public String id() {
    return id;
  }

  /** The event loop this socket's state and handler calls live on. */
  public EventLoop loop() {
    return loop;
  }

  /** The client's address, as {@code host:port}. */
  public String remoteAddress() {
    return remoteAddress;
  }

  /**
   * The HTTP headers of the request that opened this session (its Engine.IO handshake): only
   * while {@link SocketHandler#connected} runs, null after. On the loop.
   */
  public HttpHeaders handshakeHeaders() {
    return handshakeHeaders;
  }

  /**
   * The JSON object the client sent with its CONNECT, as text, or null if it sent none: only
   * while {@link SocketHandler#connected} runs, null after. On the loop.
   */
  public String handshakeAuth() {
    return handshakeAuth;
  }

  /** Keeps the headers of the handshake for {@link SocketHandler#connected}. On the loop. */
  void keepHandshake(HttpHeaders headers) {
    this.handshakeHeaders = headers;
  }

  /** Whatever the hub keeps with this socket. */
  public Object attachment() {
    return attachment;
  }

  public void attach(Object attachment) {
    this.attachment = attachment;
  }

  /**
   * Queues {@code packet}, a whole Engine.IO text packet (such as {@code 42[...]}), to be
   * written, and takes it over (it is released once written or dropped). Safe from any thread;
   * packets are written in the order they were sent from one thread. Dropped once the socket
   * is closed.
   */
  public void send(ByteBuf packet) {
    if (loop.inEventLoop()) {
      write(packet);
      return;
    }
    try {
      loop.execute(() -> write(packet));
    } catch (RejectedExecutionException e) {
      packet.release(); // the server is stopping: the socket closes with it
    }
  }

  /**
   * Whether what is sent now would leave at once, without waiting in a buffer. On the loop.
   * Once it is false, {@link SocketHandler#writable} says when it is true again.
   */
  public boolean writable() {
    assert loop.inEventLoop();
    if (webSocket != null) {
      return webSocket.isWritable();
    }
    // Polling: the packets wait for the next GET either way; they may as well wait here.
    return true;
  }

  /** The WebSocket takes writes again: tell the handler, which may have been waiting for it. */
  void onWritable() {
    if (connected && !closed) {
      server.handler().writable(this);
    }
  }

  /** Bytes sent to this socket that are not written to the network yet. On the loop. */
  public long pendingBytes() {
    assert loop.inEventLoop();
    long pending = pollBufferBytes;
    if (webSocket != null) {
      ChannelOutboundBuffer buffer = webSocket.unsafe().outboundBuffer();
      pending += buffer != null ? buffer.totalPendingWriteBytes() : 0;
    }
    return pending;
  }

  /**
   * Bytes sent to this socket that are not written to the network yet, about: {@link
   * #pendingBytes} for callers on any thread, which may read a moment's old figure.
   */
  public long queuedBytes() {
    long pending = pollBufferBytes;
    Channel transport = webSocket;
    ChannelOutboundBuffer buffer = transport != null ? transport.unsafe().outboundBuffer() : null;
    return pending + (buffer != null ? buffer.totalPendingWriteBytes() : 0);
  }

  /** Whether it was closed because more than the server's backlog limit waited for it. */
  public boolean tooSlow() {
    return tooSlow;
  }

  /**
   * Stops reading the client's requests, then runs {@code then}, both on the socket's loop: an
   * EVENT that arrives from then on is dropped without an answer, which a client sends again
   * once it has reconnected; and {@code then} runs between two requests, never during one. For
   * a socket about to {@link #leave}. Safe from any thread.
   *
   * @return false if the server is stopping: then {@code then} does not run
   */
  public boolean stopRequests(Runnable then) {
    Runnable task = () -> {
      deaf = true;
      then.run();
    };
    if (loop.inEventLoop()) {
      task.run();
      return true;
    }
    try {
      loop.execute(task);
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  /**
   * Says goodbye to the client (socket.io DISCONNECT) after everything sent before, and closes
   * once all of it is written: on a WebSocket once the network has taken it, when polling once
   * a poll has carried it. From then on the client's requests are not read. Safe from any
   * thread; a second call gets the first one's future.
   *
   * @return completes with true once the goodbye is written (the socket then closes), or with
   *     false if the socket closed before that (it was closed already, the client went away, the
   *     server stopped)
   */
  public CompletableFuture<Boolean> leave(String reason) {
    CompletableFuture<Boolean> left = new CompletableFuture<>();
    try {
      loop.execute(() -> startLeaving(left, reason));
    } catch (RejectedExecutionException e) {
      left.complete(false); // the server is stopping: the socket closes with it
    }
    return left;
  }

  private void startLeaving(CompletableFuture<Boolean> left, String reason) {
    if (leaving != null) {
      leaving.whenComplete((written, e) -> left.complete(Boolean.TRUE.equals(written)));
      return;
    }
    if (closed || !connected) {
      close(reason);
      left.complete(false);
      return;
    }
    deaf = true;
    leaving = left;
    leavingReason = reason;
    write(ascii("41")); // polling: the pending poll, or the next, carries it (see answerPoll)
    if (closed) {
      return; // the goodbye was one byte too many for its backlog: close() completed it
    }
    if (webSocket != null) {
      // Written when every write before it is: then everything queued has reached the network.
      webSocket.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(
          written -> onLoop(() -> finishLeaving(written.isSuccess())));
    }
  }

  /** The goodbye was written, or could not be: completes {@link #leaving}, then closes. */
  private void finishLeaving(boolean written) {
    CompletableFuture<Boolean> left = leaving;
    if (left == null || left.isDone()) {
      return;
    }
    // Completed first: closing tells the hub, which must find it left, not dropped.
    left.complete(written && !closed);
    close(leavingReason);
  }

  /**
   * Says goodbye to the client (socket.io DISCONNECT), then closes. Safe from any thread. A
   * polling client with no poll pending gets the goodbye with its next poll: closing now would
   * drop it, and the client, answered "unknown session", would take it for a network fault and
   * connect again. A client that does not poll again is closed by the ping timeout. Otherwise
   * it closes at once, not after the goodbye is written as {@link #leave} does: a client dropped
   * for not reading would never take it.
   */
  public void disconnect(String reason) {
    onLoop(() -> {
      if (closed) return;
      if (connected && webSocket == null && pendingGet == null) {
        startLeaving(new CompletableFuture<>(), reason);
        return;
      }
      if (connected) write(ascii("41"));
      close(reason);
    });
  }

  /** Closes the socket; what was sent before is written first, as far as it can be. */
  public void close(String reason) {
    if (!loop.inEventLoop()) {
      onLoop(() -> close(reason));
      return;
    }
    if (closed) return;
    closed = true;
    if (leaving != null) {
      leaving.complete(false); // closed before its goodbye was written
    }
    server.forget(this);
    cancel(pingTimer);
    cancel(pongDeadline);
    cancel(handshakeDeadline);
    cancel(upgradeDeadline);
    if (pendingGet != null) {
      bufferOnly(ascii("1"));
      answerPoll();
    }
    releasePollBuffer();
    closeWebSocket(probe);
    closeWebSocket(webSocket);
    logger.debug("connection {} closed: {}", id, reason);
    if (connected) {
      server.handler().closed(this, reason);
    }
  }

  // ---- opening ----

  /** Starts the socket's timers and sends the open packet. On the loop. */
  void open(Channel webSocket) {
    this.webSocket = webSocket;
    if (webSocket != null) {
      webSocket.closeFuture().addListener(f -> onLoop(() -> {
        if (this.webSocket == webSocket) close("transport close");
      }));
    }
    ServerConfig config = server.config();
    handshakeDeadline = schedule(() -> {
      if (!connected) refuse("no socket.io CONNECT within the handshake timeout");
    }, config.handshakeTimeoutMillis());
    pingTimer = schedule(this::ping, config.pingIntervalMillis());
    write(ascii(openPacket(webSocket == null)));
  }

  String openPacket(boolean polling) {
    ServerConfig config = server.config();
    boolean upgrade = polling && config.transports().contains("websocket");
    return "0{\"sid\":\"" + id + "\",\"upgrades\":" + (upgrade ? "[\"websocket\"]" : "[]")
        + ",\"pingInterval\":" + config.pingIntervalMillis()
        + ",\"pingTimeout\":" + config.pingTimeoutMillis()
        + ",\"maxPayload\":" + config.maxPayload() + "}";
  }

  // ---- polling ----

  /** A long-polling GET. On the loop. */
  void poll(Channel channel, boolean keepAlive, String origin) {
    if (closed) {
      answerError(channel, HttpAnswers.EngineError.UNKNOWN_SID, keepAlive, origin);
      return;
    }
    if (webSocket != null) {
      answerError(channel, HttpAnswers.EngineError.BAD_REQUEST, keepAlive, origin);
      return;
    }
    if (pendingGet != null) {
      answerError(channel, HttpAnswers.EngineError.BAD_REQUEST, false, origin);
      log.warn(id, "sent a second GET while one was pending");
      close("overlapping GET requests");
      return;
    }
    pendingGet = channel;
    pendingGetKeepAlive = keepAlive;
    pendingGetOrigin = origin;
    if (probe != null && probed) {
      // A GET the client sent before it paused polling, arriving after the probe: it must end
      // too, or the client waits for it before it completes the upgrade.
      bufferOnly(ascii("6"));
    }
    if (!pollBuffer.isEmpty()) {
      answerPoll();
    }
  }

  /** A connection that held a GET of this socket closed. On the loop. */
  void pollChannelClosed(Channel channel) {
    if (pendingGet == channel) {
      pendingGet = null;
      close("the polling request was aborted");
    }
  }

  /** A polling POST: packets separated by {@code \x1e}. Takes over {@code body}. On the loop. */
  void post(Channel channel, ByteBuf body, boolean keepAlive, String origin) {
    String text;
    try {
      text = utf8(body);
    } finally {
      body.release();
    }
    if (closed) {
      activePosts.decrementAndGet();
      answerError(channel, HttpAnswers.EngineError.UNKNOWN_SID, keepAlive, origin);
      return;
    }
    if (webSocket != null) {
      activePosts.decrementAndGet();
      answerError(channel, HttpAnswers.EngineError.BAD_REQUEST, false, origin);
      return;
    }
    if (text == null) {
      refuse("a POST body that is not UTF-8");
    }
    int start = 0;
    while (!closed && start <= text.length()) {
      int end = text.indexOf(RECORD_SEPARATOR, start);
      if (end < 0) end = text.length();
      String packet = text.substring(start, end);
      if (!packet.isEmpty() && packet.charAt(0) == 'b') {
        refuse("binary packets are not supported");
      } else {
        onPacket(packet);
      }
      start = end + 1;
    }
    activePosts.decrementAndGet();
    boolean refusedHere = closed && !closedByClient;
    HttpAnswers.write(channel,
        refusedHere ? HttpAnswers.EngineError.BAD_REQUEST.response()
            : HttpAnswers.answer(HttpResponseStatus.OK, "text/html", "ok"),
        keepAlive && !refusedHere, origin, server.config().cors());
  }

  /**
   * {@code body} decoded, or null if it is not UTF-8. Decoding puts U+FFFD where a byte is wrong:
   * only a body that holds one is decoded again, strictly, to tell. (A WebSocket's text frames
   * are checked by Netty's decoder, which closes the connection with 1007.)
   */
  private static String utf8(ByteBuf body) {
    String text = body.toString(StandardCharsets.UTF_8);
    if (text.indexOf('\uFFFD') < 0) {
      return text;
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(body.nioBuffer()).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** Writes what the polling buffer holds to the pending GET. On the loop. */
  private void answerPoll() {
    pollFlushScheduled = false;
    Channel channel = pendingGet;
    if (channel == null || pollBuffer.isEmpty()) return;
    pendingGet = null;
    CompositeByteBuf body = channel.alloc().compositeBuffer(Math.max(2, pollBuffer.size() * 2));
    long bytes = 0;
    ByteBuf packet;
    while ((packet = pollBuffer.peek()) != null
        && (bytes == 0 || bytes + packet.readableBytes() + 1 <= MAX_POLL_ANSWER)) {
      pollBuffer.poll();
      pollBufferBytes -= packet.readableBytes();
      if (bytes > 0) {
        body.addComponent(true, channel.alloc().buffer(1).writeByte(RECORD_SEPARATOR));
        bytes++;
      }
      bytes += packet.readableBytes();
      body.addComponent(true, packet);
    }
    HttpAnswers.write(channel, HttpAnswers.answer(HttpResponseStatus.OK, HttpAnswers.TEXT, body),
        pendingGetKeepAlive, pendingGetOrigin, server.config().cors());
    if (leaving != null && pollBuffer.isEmpty()) {
      finishLeaving(true);
    }
  }

  private void answerError(Channel channel, HttpAnswers.EngineError error, boolean keepAlive,
      String origin) {
    HttpAnswers.write(channel, error.response(), keepAlive, origin, server.config().cors());
  }

  // ---- WebSocket ----

  /** A WebSocket with this session's id finished its handshake: an upgrade. On the loop. */
  void probe(Channel channel) {
    if (closed || webSocket != null || probe != null) {
      closeWebSocket(channel);
      return;
    }
    probe = channel;
    probed = false;
    upgradeDeadline = schedule(() -> abandonProbe("the upgrade took too long"),
        UPGRADE_TIMEOUT_MILLIS);
    channel.closeFuture().addListener(f -> onLoop(() -> {
      if (probe == channel) abandonProbe("the upgrading WebSocket closed");
    }));
  }

  /** A text frame from one of this socket's WebSockets. On the loop. */
  void onWebSocketText(Channel channel, String text) {
    if (channel == webSocket) {
      onPacket(text);
    } else if (channel == probe) {
      onProbeText(text);
    } else {
      closeWebSocket(channel);
    }
  }

  /** A binary frame: hatchet speaks text only. On the loop. */
  void onWebSocketBinary(Channel channel) {
    if (channel == webSocket) {
      refuse("binary packets are not supported");
    } else {
      closeWebSocket(channel);
    }
  }

  private void onProbeText(String text) {
    if (!probed && text.equals("2probe")) {
      probed = true;
      probe.writeAndFlush(new TextWebSocketFrame("3probe"), probe.voidPromise());
      // Ends the pending GET, so that the client can move on to the WebSocket.
      if (pendingGet != null) {
        bufferOnly(ascii("6"));
        answerPoll();
      }
    } else if (probed && text.equals("5")) {
      cancel(upgradeDeadline);
      Channel channel = probe;
      probe = null;
      webSocket = channel;
      channel.closeFuture().addListener(f -> onLoop(() -> {
        if (webSocket == channel) close("transport close");
      }));
      if (pendingGet != null) {
        bufferOnly(ascii("6"));
        answerPoll();
      }
      ByteBuf packet;
      while ((packet = pollBuffer.poll()) != null) {
        pollBufferBytes -= packet.readableBytes();
        webSocket.write(new TextWebSocketFrame(packet), webSocket.voidPromise());
      }
      webSocket.flush();
    } else {
      abandonProbe("the upgrade broke the protocol");
    }
  }

  private void abandonProbe(String why) {
    Channel channel = probe;
    if (channel == null) return;
    probe = null;
    cancel(upgradeDeadline);
    logger.debug("connection {}: upgrade abandoned: {}", id, why);
    closeWebSocket(channel);
  }

  // ---- packets ----

  /** One Engine.IO packet from the client, whichever transport brought it. On the loop. */
  private void onPacket(String text) {
    if (closed) return;
    if (!frames.take()) {
      refuse("more than " + 2 * server.config().maxRequestsPerSecond() + " packets a second");
      return;
    }
    if (text.isEmpty()) {
      refuse("an empty Engine.IO packet");
      return;
    }
    switch (text.charAt(0)) {
      case '1' -> {
        closedByClient = true;
        close("the client closed the session");
      }
      case '3' -> pong();
      case '4' -> onMessage(text);
      case '6' -> { } // noop
      case '2' -> refuse("a ping from the client: in Engine.IO 4 the server pings");
      case '5' -> refuse("an upgrade packet outside an upgrade");
      default -> refuse("not an Engine.IO packet");
    }
  }

  private void onMessage(String text) {
    PacketHeader header = PacketHeader.read(text, 1);
    if (header == null) {
      refuse("not a valid socket.io packet header");
      return;
    }
    if (header.type() == PacketHeader.BINARY_EVENT || header.type() == PacketHeader.BINARY_ACK) {
      refuse("binary packets are not supported");
      return;
    }
    if (header.type() == PacketHeader.CONNECT) {
      onConnect(text, header);
      return;
    }
    if (!connected) {
      refuse("the first socket.io packet must be CONNECT");
      return;
    }
    if (!header.isDefaultNamespace()) {
      logger.debug("connection {}: ignored a packet for a namespace it did not join", id);
      return;
    }
    switch (header.type()) {
      case PacketHeader.DISCONNECT -> {
        closedByClient = true;
        close("the client left the namespace");
      }
      case PacketHeader.EVENT -> {
        if (!header.hasPayload(text) || text.charAt(header.payloadStart()) != '[') {
          refuse("an EVENT needs an array payload");
          return;
        }
        if (deaf) {
          return; // told to go: its answer would come after the goodbye, or never
        }
        if (!requests.take()) {
          server.handler().limited(this, header.ackId());
          return;
        }
        server.handler().event(this, text, header.payloadStart(), header.ackId());
      }
      case PacketHeader.ACK -> { } // the hub asks for none
      default -> refuse("a CONNECT_ERROR from the client");
    }
  }

  private void onConnect(String text, PacketHeader header) {
    if (!header.isDefaultNamespace()) {
      write(ByteBufUtil.writeUtf8(server.allocator(),
          "44" + header.namespace() + ",{\"message\":\"Invalid namespace\"}"));
      return;
    }
    if (connected) {
      logger.debug("connection {}: ignored a second CONNECT", id);
      return;
    }
    if (header.hasPayload(text)) {
      String auth = text.substring(header.payloadStart());
      if (!isJsonObject(auth)) {
        refuse("a CONNECT whose payload is not a JSON object");
        return;
      }
      handshakeAuth = auth;
    }
    JsonObject refusal = server.handler().refuseConnect(this);
    if (refusal != null) {
      handshakeAuth = null;
      write(ByteBufUtil.writeUtf8(server.allocator(), "44" + refusal)); // a v4 connect_error
      return; // not connected: another CONNECT may follow, within the handshake timeout
    }
    connected = true;
    cancel(handshakeDeadline);
    write(ascii("40{\"sid\":\"" + server.newId() + "\"}"));
    try {
      server.handler().connected(this);
    } finally {
      // The hub keeps what it needs of them: most hubs nothing.
      handshakeHeaders = null;
      handshakeAuth = null;
    }
  }

  private static boolean isJsonObject(String json) {
    return StrictJson.parse(json, MAX_AUTH_NESTING) instanceof JsonObject;
  }

  /**
   * Tells the hub (so that it can tell the client) and closes: the client broke the protocol.
   */
  private void refuse(String why) {
    if (closed) return;
    log.warn(id, why + "; closing it");
    if (connected) {
      server.handler().refused(this, why);
    }
    close("protocol error: " + why);
  }

  // ---- heartbeat ----

  private void ping() {
    if (closed) return;
    write(ascii("2"));
    pongDeadline = schedule(() -> close("ping timeout"), server.config().pingTimeoutMillis());
  }

  private void pong() {
    if (pongDeadline == null) return; // an unasked pong: harmless
    cancel(pongDeadline);
    pongDeadline = null;
    pingTimer = schedule(this::ping, server.config().pingIntervalMillis());
  }

  // ---- writing ----

  private void write(ByteBuf packet) {
    if (closed) {
      packet.release();
      return;
    }
    if (pendingBytes() + packet.readableBytes() > server.config().maxBacklogBytes()) {
      packet.release();
      log.warn(id, "does not read what it is sent: more than "
          + server.config().maxBacklogBytes() + " bytes wait for it; dropping it");
      tooSlow = true;
      close("backlog over the limit");
      return;
    }
    if (webSocket != null) {
      webSocket.writeAndFlush(new TextWebSocketFrame(packet), webSocket.voidPromise());
      return;
    }
    bufferOnly(packet);
    if (pendingGet != null && !pollFlushScheduled) {
      // Answers once this task is done, with whatever it sent meanwhile.
      pollFlushScheduled = true;
      loop.execute(this::answerPoll);
    }
  }

  private void bufferOnly(ByteBuf packet) {
    pollBuffer.add(packet);
    pollBufferBytes += packet.readableBytes();
  }

  private void releasePollBuffer() {
    ByteBuf packet;
    while ((packet = pollBuffer.poll()) != null) {
      packet.release();
    }
    pollBufferBytes = 0;
  }

  /**
   * Closes a WebSocket once what was written to it is read (see {@link Lingering}). Without a
   * close frame: OkHttp, under socket.io-client-java, waits for its application to answer a
   * server's close frame and reads nothing more meanwhile, so that such a client would learn of
   * the close only from its ping timeout; the end of the TCP stream it notices at once. Browsers
   * notice either.
   */
  private static void closeWebSocket(Channel channel) {
    if (channel != null) Lingering.close(channel);
  }

  private ByteBuf ascii(String text) {
    return ByteBufUtil.writeAscii(server.allocator(), text);
  }

  private ScheduledFuture<?> schedule(Runnable task, long delayMillis) {
    return loop.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
  }

  private static void cancel(ScheduledFuture<?> future) {
    if (future != null) future.cancel(false);
  }

  /**
   * Runs {@code task} on the loop: at once when called there, else handed over; not at all once
   * the server is stopping (it closes every socket then). Safe from any thread.
   */
  void onLoop(Runnable task) {
    if (loop.inEventLoop()) {
      task.run();
      return;
    }
    try {
      loop.execute(task);
    } catch (RejectedExecutionException e) {
      logger.debug("connection {}: the server is stopping", id);
    }
  }

  @Override public String toString() {
    return "Socket{" + id + ", " + remoteAddress + "}";
  }
}
