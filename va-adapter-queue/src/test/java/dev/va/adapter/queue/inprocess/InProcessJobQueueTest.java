package dev.va.adapter.queue.inprocess;

import dev.va.application.fake.SettableClock;
import dev.va.application.port.out.JobQueue;
import dev.va.application.port.out.JobQueueContract;
import java.time.Duration;

class InProcessJobQueueTest implements JobQueueContract {
  @Override
  public JobQueue newQueue(SettableClock clock) {
    return new InProcessJobQueue(clock, heartbeatTtl());
  }

  @Override
  public Duration heartbeatTtl() {
    return Duration.ofSeconds(5);
  }
}
