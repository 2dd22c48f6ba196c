package dev.va.adapter.web;

import dev.va.domain.job.Job;
import dev.va.domain.job.JobId;
import dev.va.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A running API and what the suites reach behind it besides HTTP: its clock, its ports and its settings. Implemented
 * by {@link TestApplication} on in-memory fakes, and in va-bootstrap by the full server on PostgreSQL with the real
 * security primitives; the suites ({@code *Suite}) run unchanged against both.
 */
public interface ApiHarness extends AutoCloseable {
  /** Base URL of the running server, e.g. {@code http://127.0.0.1:41234}. */
  String url();

  /** Every HTTP route the running server registered. */
  List<Endpoint> endpoints();

  /**
   * The implementation of an out-port behind the API (a repository, {@code SecureTokens}, {@code TokenCipher},
   * {@code FileStorage} ...), to seed data and to check what the API did.
   */
  <T> T port(Class<T> type);

  /** The server's clock. */
  Instant now();

  /** Moves the server's clock forward and returns the new time. */
  Instant advance(Duration by);

  /** How long an access token lives. */
  Duration accessLifetime();

  /** The HS256 key access tokens are signed with, so that tests can forge tokens that are wrong in one way only. */
  byte[] accessTokenKey();

  /** Failed password checks an account is allowed before the throttle locks it for 1 s. */
  int freeLoginFailures();

  /** Stores {@code job} and hands it to the job queue, as work waiting to run. */
  void enqueue(Job job);

  /** True once the job queue was told to cancel {@code job}. */
  boolean cancelled(JobId job);

  /** Where anything of {@code user} is still stored, one line per place: empty once nothing is left. */
  List<String> tracesOf(UserId user);

  /** Stops the server and releases what it holds. */
  @Override
  void close();
}
