package dev.va.adapter.persistence;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.va.application.port.out.AppliedRule;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.rule.AutoReplyRuleId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The JSON text of jsonb columns holding lists and maps of the model. */
final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};
  private static final TypeReference<Map<String, List<String>>> HEADERS = new TypeReference<>() {};
  private static final TypeReference<List<EmailMessage.Attachment>> ATTACHMENTS = new TypeReference<>() {};
  private static final TypeReference<List<StoredRule>> RULES = new TypeReference<>() {};

  /** How a fired rule is stored: the shape of RuleApplication.toJson(), action parameters as text. */
  private record StoredRule(
      @JsonProperty("rule_id") UUID ruleId,
      @JsonProperty("rule_version") int ruleVersion,
      @JsonProperty("rule_name") String ruleName,
      @JsonProperty("matched") List<String> matched,
      @JsonProperty("actions") List<Map<String, String>> actions) {}

  private Json() {}

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  static List<String> strings(String json) {
    return read(json, STRINGS);
  }

  static Map<String, String> stringMap(String json) {
    return read(json, STRING_MAP);
  }

  static Map<String, List<String>> headers(String json) {
    return read(json, HEADERS);
  }

  static List<EmailMessage.Attachment> attachments(String json) {
    return read(json, ATTACHMENTS);
  }

  static String writeRules(List<AppliedRule> applied) {
    List<StoredRule> rows = new ArrayList<>();
    for (AppliedRule rule : applied) {
      List<Map<String, String>> actions = new ArrayList<>();
      for (AppliedRule.Action action : rule.actions()) {
        Map<String, String> members = new LinkedHashMap<>();
        members.put("action", action.name());
        members.putAll(action.parameters());
        actions.add(members);
      }
      rows.add(new StoredRule(rule.ruleId().value(), rule.ruleVersion(), rule.ruleName(), rule.matched(), actions));
    }
    return write(rows);
  }

  static List<AppliedRule> rules(String json) {
    List<AppliedRule> applied = new ArrayList<>();
    for (StoredRule row : read(json, RULES)) {
      List<AppliedRule.Action> actions = new ArrayList<>();
      for (Map<String, String> members : row.actions()) {
        Map<String, String> parameters = new LinkedHashMap<>(members);
        String name = parameters.remove("action");
        actions.add(new AppliedRule.Action(name, parameters));
      }
      applied.add(new AppliedRule(new AutoReplyRuleId(row.ruleId()), row.ruleVersion(), row.ruleName(),
          row.matched(), actions));
    }
    return applied;
  }

  private static <T> T read(String json, TypeReference<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is not valid: " + e.getOriginalMessage(), e);
    }
  }
}
