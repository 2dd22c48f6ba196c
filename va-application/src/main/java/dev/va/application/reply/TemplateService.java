package dev.va.application.reply;

import dev.va.application.ConflictException;
import dev.va.application.NotFoundException;
import dev.va.application.RequestMeta;
import dev.va.application.audit.AuditTrail;
import dev.va.application.port.in.TemplateUseCases.ApproveTemplate;
import dev.va.application.port.in.TemplateUseCases.CreateTemplate;
import dev.va.application.port.in.TemplateUseCases.CreateTemplateCommand;
import dev.va.application.port.in.TemplateUseCases.DeleteTemplate;
import dev.va.application.port.in.TemplateUseCases.GetTemplate;
import dev.va.application.port.in.TemplateUseCases.ListTemplates;
import dev.va.application.port.in.TemplateUseCases.ReplaceTemplate;
import dev.va.application.port.in.TemplateUseCases.ReplaceTemplateCommand;
import dev.va.application.port.out.ReplyTemplateRepository;
import dev.va.domain.reply.ReplyTemplate;
import dev.va.domain.reply.ReplyTemplateId;
import dev.va.domain.user.UserId;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** Reply templates; every change is a new version, and a change of text needs a new approval. */
public final class TemplateService implements CreateTemplate, ListTemplates, GetTemplate, ReplaceTemplate,
    DeleteTemplate, ApproveTemplate {
  private final ReplyTemplateRepository templates;
  private final AuditTrail audit;
  private final Clock clock;

  public TemplateService(ReplyTemplateRepository templates, AuditTrail audit, Clock clock) {
    this.templates = templates;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public ReplyTemplate create(CreateTemplateCommand command) {
    ReplyTemplate template = ReplyTemplate.create(command.user(), command.name(), command.subject(), command.body(),
        clock.instant());
    templates.insert(template);
    audit.record(command.user(), "template.created", "template", template.id().toString(), command.meta());
    return template;
  }

  @Override
  public List<ReplyTemplate> list(UserId user) {
    return templates.listByUser(user);
  }

  @Override
  public ReplyTemplate get(UserId user, ReplyTemplateId template) {
    return templates.findById(user, template).orElseThrow(() -> new NotFoundException("template"));
  }

  @Override
  public ReplyTemplate replace(ReplaceTemplateCommand command) {
    ReplyTemplate current = get(command.user(), command.template());
    requireVersion(current, command.expectedVersion());
    ReplyTemplate next = current.edit(command.name(), command.subject(), command.body(), clock.instant());
    store(next);
    audit.record(command.user(), "template.changed", "template", next.id().toString(), command.meta(),
        Map.of("version", Integer.toString(next.version()), "approval_withdrawn", Boolean.toString(
            current.approved())));
    return next;
  }

  @Override
  public void delete(UserId user, ReplyTemplateId template, RequestMeta meta) {
    if (!templates.delete(user, template)) throw new NotFoundException("template");
    audit.record(user, "template.deleted", "template", template.toString(), meta);
  }

  @Override
  public ReplyTemplate approve(UserId user, ReplyTemplateId template, Integer expectedVersion, RequestMeta meta) {
    ReplyTemplate current = get(user, template);
    requireVersion(current, expectedVersion);
    if (current.approved()) return current;
    ReplyTemplate approved = current.approve(clock.instant());
    store(approved);
    audit.record(user, "template.approved", "template", approved.id().toString(), meta,
        Map.of("version", Integer.toString(approved.version())));
    return approved;
  }

  private void store(ReplyTemplate next) {
    if (!templates.update(next)) {
      throw new ConflictException("version_conflict", "the template was changed meanwhile; load it and try again");
    }
  }

  private static void requireVersion(ReplyTemplate template, Integer expected) {
    if (expected != null && expected != template.version()) {
      throw new ConflictException("version_conflict", "the template is at version " + template.version()
          + ", not " + expected);
    }
  }
}
