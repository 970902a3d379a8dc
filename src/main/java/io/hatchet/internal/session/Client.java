package io.hatchet.internal.session;

import io.hatchet.Consumer;
import io.hatchet.Contributor;
import io.hatchet.Producer;
import io.hatchet.ProducerOptions;
import io.hatchet.TokenProvider;
import io.hatchet.internal.Checks;
import io.hatchet.internal.ClientConfig;
import io.hatchet.internal.connection.Connection;

/**
 * The door from {@link io.hatchet.Hatchet} into the client's internals: one connection and the
 * sessions made on it. Arguments are checked here, on the caller's thread.
 */
public final class Client implements AutoCloseable {
  private final Connection connection;

  public Client(ClientConfig config) {
    this.connection = new Connection(config);
    connection.start();
  }

  public Consumer consumer(String app, String key) {
    return RealConsumer.open(connection, Checks.notBlank(app, "app"), Checks.notBlank(key, "key"));
  }

  public Consumer consumer(String app, TokenProvider tokens) {
    Checks.notBlank(app, "app");
    Checks.notNull(tokens, "tokens");
    return RealConsumer.open(connection, app, tokens);
  }

  public Contributor contributor(String app, String key) {
    return RealContributor.open(connection, Checks.notBlank(app, "app"),
        Checks.notBlank(key, "key"));
  }

  public Producer producer(String app, ProducerOptions options) {
    return RealProducer.open(connection, Checks.notBlank(app, "app"), options);
  }

  public String url() {
    return connection.url();
  }

  public boolean isConnected() {
    return connection.isConnected();
  }

  @Override
  public void close() {
    connection.close();
  }
}
