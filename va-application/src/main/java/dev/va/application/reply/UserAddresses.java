package dev.va.application.reply;

import dev.va.application.port.out.EmailAccountRepository;
import dev.va.application.port.out.UserRepository;
import dev.va.domain.shared.EmailAddress;
import dev.va.domain.user.User;
import dev.va.domain.user.UserId;
import java.util.HashSet;
import java.util.Set;

/** Every address of a user, as the auto-reply policy needs them: each mailbox's and the account's own email. */
final class UserAddresses {
  private UserAddresses() {}

  static Set<EmailAddress> of(UserId user, EmailAccountRepository accounts, UserRepository users) {
    Set<EmailAddress> addresses = new HashSet<>();
    accounts.listByUser(user).forEach(a -> addresses.add(a.address()));
    users.findById(user).map(User::email).ifPresent(addresses::add);
    return addresses;
  }
}
