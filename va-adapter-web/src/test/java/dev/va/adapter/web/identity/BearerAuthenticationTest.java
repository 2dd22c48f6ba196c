package dev.va.adapter.web.identity;

import com.google.inject.Module;
import dev.va.adapter.web.ApiHarness;
import dev.va.adapter.web.TestApplication;

/** Bearer authentication on the in-memory application. */
class BearerAuthenticationTest extends BearerAuthenticationSuite {
  @Override
  protected ApiHarness start(Module... extra) {
    return new TestApplication().start(extra);
  }
}
