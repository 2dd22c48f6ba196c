package dev.va.application.fake;

import dev.va.application.port.out.Cursor;
import dev.va.application.port.out.DuplicateException;
import dev.va.application.port.out.EmailAccountRepository;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailAccountId;
import dev.va.domain.user.UserId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Mail accounts in memory; deleting one deletes its messages from the given message store. */
public final class InMemoryEmailAccountRepository implements EmailAccountRepository, OwnedByUser {
  private static final Comparator<EmailAccount> OLDEST_FIRST = Comparator.comparing(EmailAccount::createdAt)
      .thenComparing((a, b) -> Cursor.compareIds(a.id().value(), b.id().value()));

  private final Map<EmailAccountId, EmailAccount> accounts = new LinkedHashMap<>();
  private final InMemoryEmailMessageRepository messages;

  public InMemoryEmailAccountRepository(InMemoryEmailMessageRepository messages) {
    this.messages = messages;
  }

  @Override
  public synchronized void insert(EmailAccount account) {
    if (accounts.containsKey(account.id())) throw new DuplicateException("id", "account id is taken");
    requireFreeAddress(account);
    accounts.put(account.id(), account);
  }

  @Override
  public synchronized void update(EmailAccount account) {
    if (findById(account.userId(), account.id()).isEmpty()) return;
    requireFreeAddress(account);
    accounts.put(account.id(), account);
  }

  @Override
  public synchronized Optional<EmailAccount> findById(UserId owner, EmailAccountId id) {
    return Optional.ofNullable(accounts.get(id)).filter(account -> account.userId().equals(owner));
  }

  @Override
  public synchronized Optional<EmailAccount> findForSystem(EmailAccountId id) {
    return Optional.ofNullable(accounts.get(id));
  }

  @Override
  public synchronized List<EmailAccount> listByUser(UserId owner) {
    return accounts.values().stream()
        .filter(account -> account.userId().equals(owner))
        .sorted(OLDEST_FIRST)
        .toList();
  }

  @Override
  public synchronized List<EmailAccount> listAll() {
    return accounts.values().stream().sorted(OLDEST_FIRST).toList();
  }

  @Override
  public synchronized boolean delete(UserId owner, EmailAccountId id) {
    if (findById(owner, id).isEmpty()) return false;
    accounts.remove(id);
    messages.deleteOfAccount(id);
    return true;
  }

  @Override
  public synchronized void deleteOwnedBy(UserId owner) {
    listByUser(owner).forEach(account -> delete(owner, account.id()));
  }

  private void requireFreeAddress(EmailAccount account) {
    boolean taken = accounts.values().stream().anyMatch(other -> !other.id().equals(account.id())
        && other.userId().equals(account.userId()) && other.address().equals(account.address()));
    if (taken) throw new DuplicateException("address", "this address is already connected");
  }
}
