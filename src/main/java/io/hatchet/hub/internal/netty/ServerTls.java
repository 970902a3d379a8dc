package io.hatchet.hub.internal.netty;

import io.hatchet.hub.internal.TlsFiles;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TLS for a server's connections: one context, made when the server starts from PEM files
 * ({@link TlsFiles}), and a handler for each connection, on the JDK's own TLS, whose protocols
 * and cipher suites are the JDK's defaults.
 */
public final class ServerTls {
  private static final Logger log = LoggerFactory.getLogger(ServerTls.class);

  private final SslContext context;

  private ServerTls(SslContext context) {
    this.context = context;
  }

  /**
   * Reads the chain and key and makes the context.
   *
   * @throws IllegalArgumentException naming the file, if either cannot be read or they are no
   *     pair (see {@link TlsFiles#read})
   */
  public static ServerTls fromPem(Path certificateChainPem, Path privateKeyPem) {
    TlsFiles files = TlsFiles.read(certificateChainPem, privateKeyPem);
    try {
      return new ServerTls(SslContextBuilder
          .forServer(files.key(), files.chain().toArray(X509Certificate[]::new))
          .sslProvider(SslProvider.JDK)
          .build());
    } catch (SSLException | IllegalArgumentException e) {
      throw new IllegalArgumentException("TLS certificate chain file " + certificateChainPem
          + " and key file " + privateKeyPem + ": the JDK's TLS refuses them: " + e.getMessage(),
          e);
    }
  }

  /** The same TLS for a server that runs on the JDK's own sockets, like an admin port's. */
  public SSLContext sslContext() {
    return ((JdkSslContext) context).context();
  }

  /** A handler for a new connection, whose handshake must end within {@code timeoutMillis}. */
  SslHandler newHandler(ByteBufAllocator allocator, long timeoutMillis) {
    SslHandler handler = context.newHandler(allocator);
    handler.setHandshakeTimeoutMillis(timeoutMillis);
    return handler;
  }

  /**
   * Next to the TLS handler: a client that does not speak TLS (plain HTTP on the TLS port), or
   * fails its handshake (it does not trust the certificate, say), gets its connection closed,
   * logged at DEBUG only. Both are routine on a public port, and a line a client can cause at
   * will is not worth a WARN. What the client sent is never logged: Netty's message holds it.
   */
  static final class Failures extends ChannelInboundHandlerAdapter {
    @Override public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      Throwable tls = cause instanceof DecoderException && cause.getCause() != null
          ? cause.getCause() : cause;
      if (tls instanceof NotSslRecordException) {
        log.debug("connection {}: sent bytes that are not TLS; closed", ctx.channel()
            .remoteAddress());
        ctx.close();
      } else if (tls instanceof SSLException) {
        log.debug("connection {}: TLS failed: {}", ctx.channel().remoteAddress(), tls.toString());
        ctx.close();
      } else {
        ctx.fireExceptionCaught(cause);
      }
    }
  }
}
