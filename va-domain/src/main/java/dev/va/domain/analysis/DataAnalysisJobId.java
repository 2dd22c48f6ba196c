package dev.va.domain.analysis;

import dev.va.domain.shared.Ids;
import java.util.Objects;
import java.util.UUID;

/** Typed identifier: a {@link UUID} that cannot be mistaken for another kind of id. */
public record DataAnalysisJobId(UUID value) {
  public DataAnalysisJobId {
    Objects.requireNonNull(value, "value");
  }

  public static DataAnalysisJobId random() {
    return new DataAnalysisJobId(UUID.randomUUID());
  }

  public static DataAnalysisJobId parse(String text, String field) {
    return new DataAnalysisJobId(Ids.uuid(text, field));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
