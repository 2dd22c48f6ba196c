package dev.va.application.fake;

import dev.va.application.port.out.Cursor;
import dev.va.application.port.out.DuplicateException;
import dev.va.application.port.out.ReplyTemplateRepository;
import dev.va.domain.reply.ReplyTemplate;
import dev.va.domain.reply.ReplyTemplateId;
import dev.va.domain.user.UserId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reply templates in memory, versioned as in the database. */
public final class InMemoryReplyTemplateRepository implements ReplyTemplateRepository, OwnedByUser {
  private static final Comparator<ReplyTemplate> OLDEST_FIRST = Comparator.comparing(ReplyTemplate::createdAt)
      .thenComparing((a, b) -> Cursor.compareIds(a.id().value(), b.id().value()));

  private final Map<ReplyTemplateId, ReplyTemplate> templates = new LinkedHashMap<>();

  @Override
  public synchronized void insert(ReplyTemplate template) {
    if (templates.containsKey(template.id())) throw new DuplicateException("id", "template id is taken");
    templates.put(template.id(), template);
  }

  @Override
  public synchronized boolean update(ReplyTemplate template) {
    Optional<ReplyTemplate> stored = findById(template.userId(), template.id());
    if (stored.isEmpty() || stored.get().version() != template.version() - 1) return false;
    templates.put(template.id(), template);
    return true;
  }

  @Override
  public synchronized Optional<ReplyTemplate> findById(UserId owner, ReplyTemplateId id) {
    return Optional.ofNullable(templates.get(id)).filter(t -> t.userId().equals(owner));
  }

  @Override
  public synchronized List<ReplyTemplate> listByUser(UserId owner) {
    return templates.values().stream().filter(t -> t.userId().equals(owner)).sorted(OLDEST_FIRST).toList();
  }

  @Override
  public synchronized boolean delete(UserId owner, ReplyTemplateId id) {
    return findById(owner, id).map(t -> templates.remove(id)).isPresent();
  }

  @Override
  public synchronized void deleteOwnedBy(UserId owner) {
    templates.values().removeIf(t -> t.userId().equals(owner));
  }
}
