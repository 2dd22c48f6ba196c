package dev.va.bootstrap.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Triage of synced mail.
 *
 * @param classifierModel the base model file ({@code va classifier train}); without one, classification starts
 *     untrained (header signals and the no-evidence default) and learns from users' corrections
 * @param webhookSecret signs {@code notify} webhooks (HMAC-SHA256, header {@code X-Va-Signature}); without one,
 *     webhooks are not sent
 * @param webhookAllowPrivate whether webhooks may target loopback, private and link-local addresses (tests, closed
 *     networks); off by default so rules cannot reach services behind the firewall
 */
public record TriageConfig(Optional<Path> classifierModel, Optional<String> webhookSecret,
    boolean webhookAllowPrivate) {

  public static TriageConfig defaults() {
    return new TriageConfig(Optional.empty(), Optional.empty(), false);
  }

  @Override
  public String toString() {
    return "TriageConfig[classifierModel=" + classifierModel.map(Path::toString).orElse("none") + ", webhookSecret="
        + webhookSecret.map(s -> "***").orElse("none") + ", webhookAllowPrivate=" + webhookAllowPrivate + "]";
  }
}
