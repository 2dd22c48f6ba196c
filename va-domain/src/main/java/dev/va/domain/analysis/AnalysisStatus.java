package dev.va.domain.analysis;

/** Life cycle of a data analysis. */
public enum AnalysisStatus {
  PENDING,
  PROCESSING,
  COMPLETED,
  FAILED
}
