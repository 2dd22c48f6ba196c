package dev.va.adapter.web;

import com.google.inject.Module;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of the suites that test the API over HTTP, whatever runs behind it: a subclass says how to start it
 * ({@link #start}), on in-memory fakes here or on the full server in va-bootstrap. One API per class (stopping one
 * takes a second), so tests use users of their own and only ever move the clock forward.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ApiSuite {
  protected ApiHarness api;
  protected ApiClient client;

  /** Starts the API under test, with {@code extra} modules added to its wiring. */
  protected abstract ApiHarness start(Module... extra);

  /** Modules the suite adds to the wiring, e.g. routes of its own. */
  protected List<Module> extraModules() {
    return List.of();
  }

  @BeforeAll
  void startApi() {
    api = start(extraModules().toArray(Module[]::new));
    client = new ApiClient(api.url());
  }

  @AfterAll
  void stopApi() {
    if (api != null) api.close();
  }
}
