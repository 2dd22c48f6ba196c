package dev.va.adapter.persistence;

import java.time.Instant;
import java.util.UUID;

/** When a rule last auto-replied to a recipient (lower-case), from {@code auto_reply_outbox}. */
record LastReplyRow(UUID ruleId, String recipient, Instant at) {}
