package dev.va.application.fake;

import dev.va.application.port.out.JobRepository;
import dev.va.application.port.out.ScheduleClaims;
import dev.va.application.port.out.ScheduleClaimsContract;
import dev.va.application.port.out.ScheduledTaskRepository;
import dev.va.application.port.out.UserRepository;

class InMemoryScheduleClaimsTest implements ScheduleClaimsContract {
  private final InMemoryRepositories repositories = new InMemoryRepositories();

  @Override
  public ScheduleClaims claims() {
    return repositories.claims();
  }

  @Override
  public ScheduledTaskRepository tasks() {
    return repositories.tasks();
  }

  @Override
  public JobRepository jobs() {
    return repositories.jobs();
  }

  @Override
  public UserRepository users() {
    return repositories.users();
  }
}
