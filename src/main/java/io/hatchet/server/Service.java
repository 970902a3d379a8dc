package io.hatchet.server;

import io.hatchet.hub.HatchetHub;
import io.hatchet.server.admin.AdminApi;
import io.hatchet.server.admin.AdminServer;
import io.hatchet.server.config.ServiceConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running service: the hub on the client port and the admin API on its own, as a config
 * says. {@link #stop()} ends both gracefully.
 */
public final class Service implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Service.class);

  private final ServiceConfig config;
  private final HatchetHub hub;
  private final AdminApi api;
  private final AdminServer admin;
  private final AtomicBoolean stopped = new AtomicBoolean();

  /** Closes the backend hooks the hub asks: run after the hub closed. */
  private final List<Runnable> hooks;

  private Service(ServiceConfig config, HatchetHub hub, AdminApi api, AdminServer admin,
      List<Runnable> hooks) {
    this.hooks = hooks;
    this.config = config;
    this.hub = hub;
    this.api = api;
    this.admin = admin;
  }

  /**
   * Starts the hub and the admin API.
   *
   * @param config the config
   * @return the service, listening on both ports
   * @throws IllegalStateException or {@link java.io.UncheckedIOException} if a port cannot be
   *     bound or a TLS file cannot be used; nothing is left running then
   */
  public static Service start(ServiceConfig config) {
    SslContext adminTls = adminTls(config.admin().tls());
    List<Runnable> hooks = new ArrayList<>();
    HatchetHub hub;
    try {
      hub = HubSetup.builder(config, hooks).start();
    } catch (RuntimeException e) {
      hooks.forEach(Runnable::run);
      throw e;
    }
    try {
      AdminApi api = new AdminApi(hub, config);
      AdminServer admin = AdminServer.start(config.admin().host(), config.admin().port(), adminTls,
          (int) config.admin().maxBodyBytes(), config.admin().token(), api);
      return new Service(config, hub, api, admin, hooks);
    } catch (RuntimeException e) {
      hub.close();
      hooks.forEach(Runnable::run);
      throw e;
    }
  }

  /**
   * The hub.
   *
   * @return the running hub
   */
  public HatchetHub hub() {
    return hub;
  }

  /**
   * The admin API's URL.
   *
   * @return like {@code http://127.0.0.1:7801}
   */
  public String adminUrl() {
    return admin.url();
  }

  /**
   * Stops gracefully: the admin API stops accepting and finishes the calls it is answering,
   * then the hub stops accepting, tells its clients to go and writes what it has queued for
   * them, for at most the config's {@code shutdown.timeout}. Idempotent.
   *
   * @return true if everything queued was written in time
   */
  public boolean stop() {
    if (!stopped.compareAndSet(false, true)) return true;
    Duration timeout = config.shutdownTimeout();
    log.info("stopping: at most {} s to deliver what is queued", timeout.toMillis() / 1000.0);
    admin.stopAccepting();
    boolean drained = hub.closeGracefully(timeout);
    admin.close();
    api.close();
    hooks.forEach(Runnable::run);
    return drained;
  }

  @Override public void close() {
    stop();
  }

  private static SslContext adminTls(ServiceConfig.Tls tls) {
    if (tls == null) return null;
    try {
      return SslContextBuilder.forServer(tls.certificateChain().toFile(), tls.privateKey().toFile())
          .build();
    } catch (SSLException | IllegalArgumentException e) {
      throw new IllegalStateException("admin.tls: cannot use " + tls.certificateChain() + " and "
          + tls.privateKey() + ": " + e.getMessage(), e);
    }
  }
}
