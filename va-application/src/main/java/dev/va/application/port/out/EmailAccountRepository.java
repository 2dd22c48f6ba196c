package dev.va.application.port.out;

import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailAccountId;
import dev.va.domain.user.UserId;
import java.util.List;
import java.util.Optional;

/**
 * Connected mailboxes. Every lookup by id is scoped to the owner, so one user can never reach another's. Lists are
 * ordered oldest first (creation time, then id).
 */
public interface EmailAccountRepository {
  /** @throws DuplicateException naming {@code address} when the user already connected that address */
  void insert(EmailAccount account);

  /**
   * Replaces the stored account with the same id and owner; does nothing when there is none.
   *
   * @throws DuplicateException naming {@code address} when the user already connected the new address
   */
  void update(EmailAccount account);

  Optional<EmailAccount> findById(UserId owner, EmailAccountId id);

  /**
   * The account with that id, whoever owns it. Only for work va does on the owner's behalf from a record that names
   * just the account (a sync job); never to answer a request.
   */
  Optional<EmailAccount> findForSystem(EmailAccountId id);

  List<EmailAccount> listByUser(UserId owner);

  /** Every account of every user, for the sync scheduler. */
  List<EmailAccount> listAll();

  /** Deletes the account and its messages. */
  boolean delete(UserId owner, EmailAccountId id);
}
