package dev.va.adapter.queue.schedule;

import dev.va.application.port.out.ScheduleCalculator;
import dev.va.application.port.out.ScheduleCalculatorContract;

class CronScheduleCalculatorTest implements ScheduleCalculatorContract {
  private final CronScheduleCalculator calculator = new CronScheduleCalculator();

  @Override
  public ScheduleCalculator calculator() {
    return calculator;
  }
}
