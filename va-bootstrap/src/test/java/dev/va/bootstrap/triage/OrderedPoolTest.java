package dev.va.bootstrap.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OrderedPoolTest {

  @Test
  void resultsReachTheSinkInSubmissionOrderWithAtMostAWindowPending() {
    List<Integer> delivered = new ArrayList<>();
    AtomicInteger started = new AtomicInteger();
    int[] maxAhead = new int[1];
    try (OrderedPool<Integer> pool = new OrderedPool<>(3, 8, delivered::add)) {
      for (int i = 0; i < 200; i++) {
        int n = i;
        if (n % 10 == 5) {
          pool.put(n);
        } else {
          pool.submit(() -> {
            started.incrementAndGet();
            // later tasks often finish first: reverse the natural finishing order
            sleepMicros((10 - n % 10) * 50);
            return n;
          });
        }
        maxAhead[0] = Math.max(maxAhead[0], n + 1 - delivered.size());
      }
      pool.finish();
    }
    assertThat(delivered).containsExactlyElementsOf(IntStream.range(0, 200).boxed().toList());
    assertThat(started.get()).isEqualTo(180);
    assertThat(maxAhead[0]).isLessThanOrEqualTo(8);
  }

  private static void sleepMicros(long micros) {
    try {
      Thread.sleep(0, (int) Math.min(999_999, micros * 1000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
