package dev.va.application.schedule;

import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * Runs {@link SchedulerService#tick()} on a daemon thread every {@code period} until closed. A failing tick is logged
 * and the loop goes on. The scheduler reads its own clock; the period is real time.
 */
public final class SchedulerLoop implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(SchedulerLoop.class.getName());

  private final SchedulerService scheduler;
  private final Duration period;
  private final Thread thread;
  private volatile boolean running;
  private boolean started;

  public SchedulerLoop(SchedulerService scheduler, Duration period) {
    if (period.isNegative() || period.isZero()) throw new IllegalArgumentException("period must be positive");
    this.scheduler = scheduler;
    this.period = period;
    this.thread = new Thread(this::run, "va-scheduler");
    this.thread.setDaemon(true);
  }

  public synchronized void start() {
    if (started) throw new IllegalStateException("already started");
    started = true;
    running = true;
    thread.start();
  }

  /** Stops ticking; returns once the tick in progress, if any, has finished. */
  @Override
  public void close() {
    synchronized (this) {
      if (!started || !running) return;
      running = false;
    }
    thread.interrupt();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    while (running) {
      try {
        scheduler.tick();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "scheduler tick failed", e);
      }
      try {
        Thread.sleep(period.toMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }
}
