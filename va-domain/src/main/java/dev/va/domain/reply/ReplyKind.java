package dev.va.domain.reply;

/** An automatic reply a rule sent, or a draft the user approved (sent as the user's own mail). */
public enum ReplyKind {
  AUTO_REPLY,
  DRAFT
}
