package dev.va.application.port.in;

/** Re-encrypts every stored secret with the current (first) key, so older keys can then be retired. */
public interface RotateSecretsUseCase {
  /** How many secrets were looked at and how many were re-encrypted. */
  record Rotation(int examined, int reencrypted) {}

  Rotation rotate();
}
