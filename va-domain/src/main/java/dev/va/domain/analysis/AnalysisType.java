package dev.va.domain.analysis;

/** What an analysis of an uploaded CSV produces. */
public enum AnalysisType {
  SUMMARY,
  INSIGHTS,
  FORECAST
}
