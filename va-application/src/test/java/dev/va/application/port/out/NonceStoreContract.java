package dev.va.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link NonceStore} must have. */
public interface NonceStoreContract {
  NonceStore nonceStore();

  /** A time well after the clock the store under test reads. */
  Instant later();

  @Test
  default void aNonceIsUsableOnce() {
    NonceStore store = nonceStore();

    assertThat(store.useOnce("n-1", later())).isTrue();
    assertThat(store.useOnce("n-1", later())).isFalse();
    assertThat(store.useOnce("n-2", later())).isTrue();
  }

  @Test
  default void ofConcurrentUsesExactlyOneWins() throws Exception {
    NonceStore store = nonceStore();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Boolean>> uses = new ArrayList<>();
      Callable<Boolean> use = () -> {
        go.await();
        return store.useOnce("contended", later());
      };
      for (int i = 0; i < 8; i++) uses.add(pool.submit(use));
      go.countDown();
      int wins = 0;
      for (Future<Boolean> f : uses) wins += f.get() ? 1 : 0;
      assertThat(wins).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }
}
