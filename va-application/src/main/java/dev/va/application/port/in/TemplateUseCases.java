package dev.va.application.port.in;

import dev.va.application.RequestMeta;
import dev.va.domain.reply.ReplyTemplate;
import dev.va.domain.reply.ReplyTemplateId;
import dev.va.domain.shared.Require;
import dev.va.domain.user.UserId;
import java.util.List;

/**
 * A user's reply templates: create, read, replace, delete, approve. Replacing the text withdraws the approval;
 * rules auto-reply only with an approved template. A change against a stale version is a {@code ConflictException}
 * ({@code version_conflict}); another user's template is not found.
 */
public interface TemplateUseCases {
  /** {@code subject} null: "Re: " and the subject answered. */
  record CreateTemplateCommand(UserId user, String name, String subject, String body, RequestMeta meta) {
    public CreateTemplateCommand {
      Require.nonNull(user, "user");
    }
  }

  /** The whole new text; {@code expectedVersion} null: whatever is stored now. */
  record ReplaceTemplateCommand(UserId user, ReplyTemplateId template, Integer expectedVersion, String name,
      String subject, String body, RequestMeta meta) {
    public ReplaceTemplateCommand {
      Require.nonNull(user, "user");
      Require.nonNull(template, "template");
    }
  }

  interface CreateTemplate {
    ReplyTemplate create(CreateTemplateCommand command);
  }

  /** Oldest first. */
  interface ListTemplates {
    List<ReplyTemplate> list(UserId user);
  }

  interface GetTemplate {
    ReplyTemplate get(UserId user, ReplyTemplateId template);
  }

  interface ReplaceTemplate {
    ReplyTemplate replace(ReplaceTemplateCommand command);
  }

  interface DeleteTemplate {
    void delete(UserId user, ReplyTemplateId template, RequestMeta meta);
  }

  /** Approves the text as it reads at {@code expectedVersion} (null: now); approving again changes nothing. */
  interface ApproveTemplate {
    ReplyTemplate approve(UserId user, ReplyTemplateId template, Integer expectedVersion, RequestMeta meta);
  }
}
