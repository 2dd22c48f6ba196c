package dev.va.application.fake;

import dev.va.application.port.out.MailAuthorization;
import dev.va.application.port.out.MailAuthorizationContract;
import dev.va.domain.mail.MailProviderType;
import java.net.URI;
import java.util.Set;

class InMemoryMailAuthorizationTest implements MailAuthorizationContract {
  private final InMemoryMailAuthorization authorization =
      new InMemoryMailAuthorization(Set.of(MailProviderType.GMAIL, MailProviderType.OUTLOOK));

  @Override
  public MailAuthorization authorization() {
    return authorization;
  }

  @Override
  public MailProviderType provider() {
    return MailProviderType.OUTLOOK;
  }

  @Override
  public String consent(URI authorizationUrl, String email) {
    return authorization.consent(authorizationUrl, email);
  }
}
