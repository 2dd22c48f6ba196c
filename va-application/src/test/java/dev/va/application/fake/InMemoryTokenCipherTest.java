package dev.va.application.fake;

import dev.va.application.port.out.TokenCipher;
import dev.va.application.port.out.TokenCipherContract;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

class InMemoryTokenCipherTest implements TokenCipherContract<String> {
  private final AtomicInteger keys = new AtomicInteger();

  @Override
  public String newKey() {
    return "key-" + keys.incrementAndGet();
  }

  @Override
  public TokenCipher cipher(List<String> keyIds) {
    return new InMemoryTokenCipher(keyIds);
  }
}
