package dev.va.application.job;

/** Another job holds the claim on a side effect right now; the attempt fails and is retried later. */
public class EffectInProgressException extends RuntimeException {
  public EffectInProgressException(String effectKey) {
    super("side effect " + effectKey + " is being performed by another job");
  }
}
