package dev.va.domain.reply;

/**
 * Where a draft's first text came from: a template of the user, a language model (from the message, in the user's
 * voice), or a greeting with {@link ReplyDraft#PLACEHOLDER} for the user to replace. Edits keep the source.
 */
public enum DraftSource {
  TEMPLATE,
  LLM,
  PLACEHOLDER
}
