package dev.va.application.fake;

import dev.va.application.port.out.JobQueue;
import dev.va.application.port.out.JobQueueContract;
import java.time.Duration;

class InMemoryJobQueueTest implements JobQueueContract {
  @Override
  public JobQueue newQueue(SettableClock clock) {
    return new InMemoryJobQueue(clock, heartbeatTtl());
  }

  @Override
  public Duration heartbeatTtl() {
    return Duration.ofSeconds(5);
  }
}
