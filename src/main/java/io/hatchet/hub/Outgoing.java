package io.hatchet.hub;

import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketType;
import io.hatchet.protocol.Events;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deliveries waiting to be written to one connection.
 *
 * <p>Publishers queue them from any thread and go on; one task on the connection's event loop
 * writes all queued by the time it runs, in the order they were queued, packing up to
 * {@link #MAX_BATCH} delivery objects into one {@code deliver} packet. So a connection that keeps
 * up gets each event in a packet of its own, and one that falls behind catches up with a few
 * large packets rather than a frame and a system call for each.
 *
 * <p>While a WebSocket connection does not take what is written (Netty's buffer for it is full:
 * a stalled network, a client that stopped reading), deliveries wait here instead, and once more
 * than the hub's {@code maxConnectionBacklog} bytes wait, the connection is dropped: one slow
 * consumer does not take the memory of the others. Its consumers are then disconnected like any
 * other, and recover from their windows when they come back.
 */
final class Outgoing {
  private static final Logger log = LoggerFactory.getLogger(Outgoing.class);
  /** At most this many deliveries go in one {@code deliver} packet... */
  static final int MAX_BATCH = 64;
  /** ...and once it holds about this many bytes, no more are added. */
  private static final int MAX_BATCH_BYTES = 64 * 1024;
  /** Packets one turn writes at most before letting the loop's other channels have theirs. */
  private static final int MAX_PACKETS_PER_TURN = 16;
  /** While the connection takes nothing, how often to look whether it takes again. */
  private static final long RECHECK_MILLIS = 10;

  private final SocketIOClient client;
  /** Where deliveries are written: the loop of the channel, unless it was opened elsewhere. */
  private final EventExecutor loop;
  private final long maxBacklogBytes;
  private final Runnable onTooSlow;
  private final Queue<Delivery> queue = new ConcurrentLinkedQueue<>();
  /** Bytes of the deliveries in {@link #queue}, about. */
  private final AtomicLong backlogBytes = new AtomicLong();
  private final AtomicBoolean writeScheduled = new AtomicBoolean();
  private final Runnable write = this::write;

  Outgoing(SocketIOClient client, EventExecutor loop, long maxBacklogBytes, Runnable onTooSlow) {
    this.client = client;
    this.loop = loop;
    this.maxBacklogBytes = maxBacklogBytes;
    this.onTooSlow = onTooSlow;
  }

  /** Queues {@code delivery}; safe from any thread. */
  void add(Delivery delivery) {
    backlogBytes.addAndGet(delivery.size());
    queue.add(delivery);
    if (!writeScheduled.get()) {
      scheduleWrite(0);
    }
  }

  /** On {@link #loop}: writes what is queued, in packets of several deliveries. */
  private void write() {
    writeScheduled.set(false); // what is queued from here on is written by this turn or the next
    if (!takesWrites()) {
      if (backlogBytes.get() > maxBacklogBytes) {
        dropConnection();
      } else {
        scheduleWrite(RECHECK_MILLIS);
      }
      return;
    }
    for (int packets = 0; packets < MAX_PACKETS_PER_TURN; packets++) {
      List<Object> batch = nextBatch();
      if (batch == null) {
        return;
      }
      Packet packet = new Packet(PacketType.MESSAGE, client.getEngineIOVersion());
      packet.setSubType(PacketType.EVENT);
      packet.setName(Events.DELIVER);
      packet.setData(batch);
      client.send(packet);
    }
    if (!queue.isEmpty()) {
      scheduleWrite(0);
    }
  }

  /** Up to {@link #MAX_BATCH} deliveries, about {@link #MAX_BATCH_BYTES} at most; null if none. */
  private List<Object> nextBatch() {
    Delivery first = queue.poll();
    if (first == null) {
      return null;
    }
    List<Object> batch = new ArrayList<>();
    batch.add(first);
    int bytes = first.size();
    Delivery next;
    while (batch.size() < MAX_BATCH && bytes < MAX_BATCH_BYTES && (next = queue.poll()) != null) {
      batch.add(next);
      bytes += next.size();
    }
    backlogBytes.addAndGet(-bytes);
    return batch;
  }

  /**
   * Whether the connection takes what is written now. Only a WebSocket can say: a polling client
   * takes its packets when it next polls, and netty-socketio keeps them for it until then.
   */
  private boolean takesWrites() {
    return client.getTransport() != Transport.WEBSOCKET || client.isWritable()
        || !client.isChannelOpen();
  }

  private void dropConnection() {
    long behind = backlogBytes.get();
    queue.clear();
    backlogBytes.set(0);
    log.warn("connection {} does not take its events: {} bytes wait for it, more than the hub's"
        + " maxConnectionBacklog of {}; dropping it (its consumers recover what they missed from"
        + " their windows when they reconnect)", client.getSessionId(), behind, maxBacklogBytes);
    onTooSlow.run();
  }

  /** Has {@link #write} run on the loop after {@code delayMillis}, unless a run is pending. */
  private void scheduleWrite(long delayMillis) {
    if (!writeScheduled.compareAndSet(false, true)) {
      return;
    }
    try {
      if (delayMillis == 0) {
        loop.execute(write);
      } else {
        loop.schedule(write, delayMillis, TimeUnit.MILLISECONDS);
      }
    } catch (RejectedExecutionException e) {
      // The hub is stopping: the connection closes with it, with or without these.
    }
  }
}
