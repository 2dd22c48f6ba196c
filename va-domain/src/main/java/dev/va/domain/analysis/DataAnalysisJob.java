package dev.va.domain.analysis;

import dev.va.domain.shared.Require;
import dev.va.domain.user.UserId;
import java.time.Instant;

/**
 * An analysis of an uploaded file. {@code fileKey} names the file in file storage; {@code result} is JSON text.
 * Status moves pending → processing → completed | failed, and only that way.
 */
public record DataAnalysisJob(
    DataAnalysisJobId id,
    UserId userId,
    String name,
    String fileKey,
    String fileName,
    AnalysisType analysisType,
    String prompt,
    AnalysisStatus status,
    String result,
    String error,
    Instant createdAt,
    Instant updatedAt,
    Instant startedAt,
    Instant completedAt) {

  public DataAnalysisJob {
    Require.nonNull(id, "id");
    Require.nonNull(userId, "user_id");
    Require.notBlank(name, "name");
    Require.maxLength(name, 200, "name");
    Require.notBlank(fileKey, "file_key");
    Require.maxLength(fileName, 255, "file_name");
    Require.nonNull(analysisType, "analysis_type");
    Require.maxLength(prompt, 4000, "prompt");
    Require.nonNull(status, "status");
    Require.that(status != AnalysisStatus.COMPLETED || result != null, "result", "a completed analysis has a result");
    Require.that(status != AnalysisStatus.FAILED || error != null, "error", "a failed analysis has an error");
    Require.nonNull(createdAt, "created_at");
    Require.nonNull(updatedAt, "updated_at");
  }

  public static DataAnalysisJob submit(UserId owner, String name, String fileKey, String fileName, AnalysisType type,
      String prompt, Instant now) {
    return new DataAnalysisJob(DataAnalysisJobId.random(), owner, name, fileKey, fileName, type, prompt,
        AnalysisStatus.PENDING, null, null, now, now, null, null);
  }

  public DataAnalysisJob start(Instant now) {
    requireStatus(AnalysisStatus.PENDING);
    return new DataAnalysisJob(id, userId, name, fileKey, fileName, analysisType, prompt, AnalysisStatus.PROCESSING,
        null, null, createdAt, now, now, null);
  }

  public DataAnalysisJob complete(String resultJson, Instant now) {
    requireStatus(AnalysisStatus.PROCESSING);
    return new DataAnalysisJob(id, userId, name, fileKey, fileName, analysisType, prompt, AnalysisStatus.COMPLETED,
        resultJson, null, createdAt, now, startedAt, now);
  }

  public DataAnalysisJob fail(String message, Instant now) {
    Require.that(status == AnalysisStatus.PENDING || status == AnalysisStatus.PROCESSING, "status",
        "only a pending or processing analysis can fail");
    return new DataAnalysisJob(id, userId, name, fileKey, fileName, analysisType, prompt, AnalysisStatus.FAILED,
        null, message, createdAt, now, startedAt, now);
  }

  private void requireStatus(AnalysisStatus expected) {
    Require.that(status == expected, "status", "analysis is " + status + ", expected " + expected);
  }
}
