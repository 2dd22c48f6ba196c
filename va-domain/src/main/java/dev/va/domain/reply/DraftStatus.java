package dev.va.domain.reply;

/** A draft waits for the user (PENDING) until approved, which sends it once, or rejected, which never does. */
public enum DraftStatus {
  PENDING,
  APPROVED,
  REJECTED
}
