package dev.va.adapter.persistence;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code classifier_models}. */
record ClassifierModelRow(UUID userId, byte[] model, Instant updatedAt) {}
