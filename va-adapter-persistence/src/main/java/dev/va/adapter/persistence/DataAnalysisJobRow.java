package dev.va.adapter.persistence;

import dev.va.domain.analysis.AnalysisStatus;
import dev.va.domain.analysis.AnalysisType;
import dev.va.domain.analysis.DataAnalysisJob;
import dev.va.domain.analysis.DataAnalysisJobId;
import dev.va.domain.user.UserId;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code data_analysis_jobs}. */
record DataAnalysisJobRow(
    UUID id,
    UUID userId,
    String name,
    String fileKey,
    String fileName,
    String analysisType,
    String prompt,
    String status,
    String result,
    String error,
    Instant createdAt,
    Instant updatedAt,
    Instant startedAt,
    Instant completedAt) {

  static DataAnalysisJobRow of(DataAnalysisJob j) {
    return new DataAnalysisJobRow(j.id().value(), j.userId().value(), j.name(), j.fileKey(), j.fileName(),
        j.analysisType().name(), j.prompt(), j.status().name(), j.result(), j.error(), j.createdAt(),
        j.updatedAt(), j.startedAt(), j.completedAt());
  }

  DataAnalysisJob toDomain() {
    return new DataAnalysisJob(new DataAnalysisJobId(id), new UserId(userId), name, fileKey, fileName,
        AnalysisType.valueOf(analysisType), prompt, AnalysisStatus.valueOf(status), result, error, createdAt,
        updatedAt, startedAt, completedAt);
  }
}
