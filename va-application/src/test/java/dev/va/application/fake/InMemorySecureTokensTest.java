package dev.va.application.fake;

import dev.va.application.port.out.SecureTokens;
import dev.va.application.port.out.SecureTokensContract;

class InMemorySecureTokensTest implements SecureTokensContract {
  @Override
  public SecureTokens secureTokens() {
    return new InMemorySecureTokens();
  }
}
