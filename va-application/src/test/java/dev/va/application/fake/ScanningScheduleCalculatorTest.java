package dev.va.application.fake;

import dev.va.application.port.out.ScheduleCalculator;
import dev.va.application.port.out.ScheduleCalculatorContract;

class ScanningScheduleCalculatorTest implements ScheduleCalculatorContract {
  private final ScanningScheduleCalculator calculator = new ScanningScheduleCalculator();

  @Override
  public ScheduleCalculator calculator() {
    return calculator;
  }
}
