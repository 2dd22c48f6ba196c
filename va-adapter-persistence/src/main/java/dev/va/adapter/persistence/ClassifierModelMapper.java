package dev.va.adapter.persistence;

import java.time.Instant;
import java.util.UUID;

/** Statements on {@code classifier_models}, in ClassifierModelMapper.xml. */
interface ClassifierModelMapper {
  ClassifierModelRow find(UUID userId);

  Instant updatedAt(UUID userId);

  void upsert(ClassifierModelRow row);
}
