package dev.va.application.port.out;

import dev.va.domain.reply.ReplyTemplate;
import dev.va.domain.reply.ReplyTemplateId;
import dev.va.domain.user.UserId;
import java.util.List;
import java.util.Optional;

/** Reply templates of a user, listed oldest first (creation time, then id). */
public interface ReplyTemplateRepository {
  void insert(ReplyTemplate template);

  /**
   * Stores a new version. Optimistic: succeeds only if the stored version is {@code template.version() - 1}, so an
   * approval never covers text the user did not see.
   *
   * @return false when the template is gone or was changed meanwhile
   */
  boolean update(ReplyTemplate template);

  Optional<ReplyTemplate> findById(UserId owner, ReplyTemplateId id);

  List<ReplyTemplate> listByUser(UserId owner);

  boolean delete(UserId owner, ReplyTemplateId id);
}
