package io.hatchet.internal;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in submission order, on a delegate that may have many threads. Each
 * consumer and contributor has one, so its callbacks stay in order whatever executor the user
 * chose.
 */
public final class SerialExecutor implements Executor {
  private static final Logger logger = LoggerFactory.getLogger(SerialExecutor.class);

  private final Executor delegate;
  private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
  private boolean running;

  SerialExecutor(Executor delegate) {
    this.delegate = delegate;
  }

  @Override
  public void execute(Runnable task) {
    synchronized (tasks) {
      tasks.add(task);
      if (running) return;
      running = true;
    }
    try {
      delegate.execute(this::drain);
    } catch (RuntimeException e) {
      // Shut down (a close racing with a request) or broken (a user's executor that throws): the
      // tasks still run, so that no future is left hanging, on a thread of their own and never
      // on the caller's, which may be the connection's.
      if (e instanceof RejectedExecutionException) {
        logger.debug("the callback executor refused a task; running it on a thread of its own", e);
      } else {
        logger.warn("the callback executor threw; running its task on a thread of its own", e);
      }
      Thread late = Threads.daemon("hatchet-callbacks-late").newThread(this::drain);
      late.start();
    }
  }

  /**
   * Like {@link #execute}, but when the lane is idle, runs {@code task} (and whatever the lane is
   * given meanwhile) at once on the calling thread, which must be a thread of the delegate: for
   * handing many lanes their tasks in one task of the delegate, in order per lane all the same.
   */
  public void runOrQueue(Runnable task) {
    synchronized (tasks) {
      tasks.add(task);
      if (running) return;
      running = true;
    }
    drain();
  }

  private void drain() {
    while (true) {
      Runnable task;
      synchronized (tasks) {
        task = tasks.poll();
        if (task == null) {
          running = false;
          return;
        }
      }
      try {
        task.run(); // outside the lock: user code never runs under it
      } catch (Throwable t) {
        logger.warn("hatchet callback threw", t);
      }
    }
  }
}
