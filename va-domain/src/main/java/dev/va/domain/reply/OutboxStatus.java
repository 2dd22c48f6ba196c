package dev.va.domain.reply;

/**
 * Where an outgoing reply stands. PENDING waits for its send job; SENDING is claimed by one worker (for a lease);
 * SENT went out; SUPPRESSED was never to go (the reason says why); FAILED could not be sent; UNCERTAIN was being sent
 * when its worker vanished, so whether it left is unknown: it is never sent again unless the user asks.
 */
public enum OutboxStatus {
  PENDING,
  SENDING,
  SENT,
  SUPPRESSED,
  FAILED,
  UNCERTAIN
}
