package dev.va.application.triage.rules;

import dev.va.application.json.JsonValue;
import dev.va.application.json.JsonValue.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** What a matching rule does. Names and fields mirror the JSON grammar in docs/RULES.md. */
public sealed interface RuleAction {
  /** The {@code action} name in a rule document. */
  String name();

  /** The action as it appears in a rule document, for explanations. */
  default JsonValue toJson() {
    Map<String, JsonValue> members = new LinkedHashMap<>();
    members.put("action", JsonValue.of(name()));
    parameters(members);
    return new JsonObject(members);
  }

  default void parameters(Map<String, JsonValue> members) {}

  record Flag() implements RuleAction {
    @Override
    public String name() {
      return "flag";
    }
  }

  record Unflag() implements RuleAction {
    @Override
    public String name() {
      return "unflag";
    }
  }

  record Label(String value) implements RuleAction {
    public Label {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String name() {
      return "label";
    }

    @Override
    public void parameters(Map<String, JsonValue> members) {
      members.put("value", JsonValue.of(value));
    }
  }

  record Move(String folder) implements RuleAction {
    public Move {
      Objects.requireNonNull(folder, "folder");
    }

    @Override
    public String name() {
      return "move";
    }

    @Override
    public void parameters(Map<String, JsonValue> members) {
      members.put("folder", JsonValue.of(folder));
    }
  }

  record Archive() implements RuleAction {
    @Override
    public String name() {
      return "archive";
    }
  }

  record MarkRead() implements RuleAction {
    @Override
    public String name() {
      return "mark_read";
    }
  }

  /** Sends the template, subject to the auto-reply safety policy; one reply per sender per {@code period}. */
  record AutoReply(UUID template, Duration period) implements RuleAction {
    public AutoReply {
      Objects.requireNonNull(template, "template");
      Objects.requireNonNull(period, "period");
    }

    @Override
    public String name() {
      return "auto_reply";
    }

    @Override
    public void parameters(Map<String, JsonValue> members) {
      members.put("template", JsonValue.of(template.toString()));
      members.put("period_days", JsonValue.of(period.toDays()));
    }
  }

  /**
   * Prepares a reply for the user to approve; nothing is sent. With {@code llm} a language model writes it, falling
   * back to the template (null: none, then a placeholder); without, the template's text is used.
   */
  record DraftReply(UUID template, boolean llm) implements RuleAction {
    /** By default a draft with a template takes its text, one without is written by the language model. */
    public static boolean defaultLlm(UUID template) {
      return template == null;
    }

    @Override
    public String name() {
      return "draft_reply";
    }

    /** Only what differs from the defaults, so the JSON reads as the rule was written. */
    @Override
    public void parameters(Map<String, JsonValue> members) {
      if (template != null) members.put("template", JsonValue.of(template.toString()));
      if (llm != defaultLlm(template)) members.put("llm", JsonValue.of(llm));
    }
  }

  record Notify(URI url) implements RuleAction {
    public Notify {
      Objects.requireNonNull(url, "url");
    }

    @Override
    public String name() {
      return "notify";
    }

    @Override
    public void parameters(Map<String, JsonValue> members) {
      members.put("url", JsonValue.of(url.toString()));
    }
  }

  /** No later rule runs for this message. */
  record Stop() implements RuleAction {
    @Override
    public String name() {
      return "stop";
    }
  }
}
