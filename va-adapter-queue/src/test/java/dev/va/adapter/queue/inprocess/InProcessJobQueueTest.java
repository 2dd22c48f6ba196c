package dev.va.adapter.queue.inprocess;

import dev.va.application.fake.MutableClock;
import dev.va.application.port.out.JobQueue;
import dev.va.application.port.out.JobQueueContract;
import java.time.Duration;

class InProcessJobQueueTest implements JobQueueContract {
  @Override
  public JobQueue newQueue(MutableClock clock) {
    return new InProcessJobQueue(clock, heartbeatTtl());
  }

  @Override
  public Duration heartbeatTtl() {
    return Duration.ofSeconds(5);
  }
}
