package dev.va.bootstrap.triage;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs tasks on a fixed number of threads and hands their results to a sink in submission order, on the submitting
 * thread. At most {@code window} results are pending: submitting blocks until the oldest is done, so memory stays
 * bounded however long the input, and a slow sink slows the producer.
 */
final class OrderedPool<T> implements AutoCloseable {
  private final ExecutorService executor;
  private final int window;
  private final Consumer<T> sink;
  private final Deque<Future<T>> pending = new ArrayDeque<>();

  OrderedPool(int threads, int window, Consumer<T> sink) {
    if (threads < 1) throw new IllegalArgumentException("at least one thread");
    if (window < threads) throw new IllegalArgumentException("the window must be at least the thread count");
    AtomicInteger count = new AtomicInteger();
    this.executor = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "va-offline-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.window = window;
    this.sink = sink;
  }

  /** Queues a task; its result reaches the sink after every earlier one. Tasks must not throw. */
  void submit(Supplier<T> task) {
    drain(window - 1);
    pending.add(executor.submit(task::get));
  }

  /** A result known at once, delivered in its place among the tasks' results. */
  void put(T result) {
    drain(window - 1);
    pending.add(CompletableFuture.completedFuture(result));
  }

  /** Delivers every pending result. */
  void finish() {
    drain(0);
  }

  private void drain(int keep) {
    while (pending.size() > keep) {
      try {
        sink.accept(pending.remove().get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("a task failed", e.getCause());
      }
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
