package dev.va.application.fake;

import dev.va.application.port.out.JobQueue;
import dev.va.domain.job.JobId;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The only part of {@link JobQueue} account deletion reaches (it cancels pending jobs), recorded. A
 * proxy, so it keeps compiling as the port grows: only {@code cancel} is answered,
 * whatever its return type, and any other call fails the test.
 */
public final class CancelRecordingJobQueue {
  private final List<JobId> cancelled = new CopyOnWriteArrayList<>();
  private final JobQueue queue = (JobQueue) Proxy.newProxyInstance(JobQueue.class.getClassLoader(),
      new Class<?>[] {JobQueue.class}, (proxy, method, args) -> {
        if (method.getName().equals("cancel")) {
          cancelled.add((JobId) args[0]);
          return method.getReturnType() == boolean.class ? Boolean.TRUE : Optional.empty();
        }
        if (method.getDeclaringClass() == Object.class) {
          return switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            default -> "CancelRecordingJobQueue";
          };
        }
        throw new UnsupportedOperationException("JobQueue." + method.getName() + " is not expected here");
      });

  public JobQueue queue() {
    return queue;
  }

  public List<JobId> cancelled() {
    return List.copyOf(cancelled);
  }
}
