package dev.va.bootstrap;

import com.google.inject.Module;
import dev.va.adapter.web.ApiHarness;
import dev.va.adapter.web.IsolationWalkSuite;
import dev.va.adapter.web.identity.BearerAuthenticationSuite;
import dev.va.adapter.web.identity.IdentityApiSuite;
import org.junit.jupiter.api.Nested;

/**
 * The identity suites of va-adapter-web, unchanged, on the full server ({@link FullServer}): PostgreSQL, Argon2id,
 * real JWTs and Fernet. The isolation walk covers every route the server registers, so each feature's routes are
 * walked as soon as its module joins {@link VaModules#server}.
 */
class IdentityOnFullServerTest {

  @Nested
  class IdentityApi extends IdentityApiSuite {
    @Override
    protected ApiHarness start(Module... extra) {
      return FullServer.start(extra);
    }
  }

  @Nested
  class BearerAuthentication extends BearerAuthenticationSuite {
    @Override
    protected ApiHarness start(Module... extra) {
      return FullServer.start(extra);
    }
  }

  @Nested
  class IsolationWalk extends IsolationWalkSuite {
    @Override
    protected ApiHarness start(Module... extra) {
      return FullServer.start(extra);
    }
  }
}
