package dev.va.adapter.web.identity;

import com.google.inject.Module;
import dev.va.adapter.web.ApiHarness;
import dev.va.adapter.web.TestApplication;

/** The identity API on the in-memory application. */
class IdentityApiTest extends IdentityApiSuite {
  @Override
  protected ApiHarness start(Module... extra) {
    return new TestApplication().start(extra);
  }
}
