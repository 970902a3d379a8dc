package io.hatchet.internal.connection;

import io.hatchet.internal.ClientContext;
import io.hatchet.internal.SerialExecutor;
import java.util.ArrayList;
import java.util.List;

/**
 * The tasks for the user that one packet brings, each for the lane of the session it is for,
 * handed to the callback executor together once the packet is read ({@link
 * ClientContext#runOnLanes}). Connection's thread.
 */
public final class Handoff {
  private final List<SerialExecutor> lanes = new ArrayList<>();
  private final List<Runnable> tasks = new ArrayList<>();

  Handoff() {}

  /** Runs {@code task} on {@code lane}, after what the lane has been given before. */
  public void add(SerialExecutor lane, Runnable task) {
    lanes.add(lane);
    tasks.add(task);
  }

  void flush(ClientContext context) {
    if (tasks.isEmpty()) return;
    context.runOnLanes(lanes, tasks);
  }
}
