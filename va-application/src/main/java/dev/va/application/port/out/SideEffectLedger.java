package dev.va.application.port.out;

import java.time.Duration;

/**
 * Records side effects (a mail sent, a payment made) under a key so that work done twice performs each effect once.
 *
 * <p>Protocol: {@link #claim} before performing the effect, then {@link #markDone} after it, or {@link #release} when
 * it failed. Crash safety: a completed effect is never repeated (DONE is kept for the adapter's retention time). If
 * the claimer dies between the effect and {@code markDone}, the effect is in doubt; the claim lapses after its lease
 * (or at once for a later claim by the same owner, e.g. the same job delivered again) and the effect is performed
 * again: at least once in that window, exactly once otherwise. Another owner meanwhile gets BUSY and must not
 * perform the effect.
 */
public interface SideEffectLedger {
  /** GRANTED: perform the effect now; BUSY: another owner's live claim holds it; DONE: already performed. */
  enum Status {
    GRANTED,
    BUSY,
    DONE
  }

  /** Outcome of a claim; {@code result} is what {@link #markDone} recorded (may be null), only for DONE. */
  record Claim(Status status, String result) {}

  /** Claims {@code key} for {@code owner} for {@code lease}, unless done or held by another owner's live claim. */
  Claim claim(String key, String owner, Duration lease);

  /** The effect was performed; {@code result} (nullable) is handed to later claims. */
  void markDone(String key, String result);

  /** The effect failed: frees the key when {@code owner} still holds the claim, so a retry can perform it. */
  void release(String key, String owner);
}
