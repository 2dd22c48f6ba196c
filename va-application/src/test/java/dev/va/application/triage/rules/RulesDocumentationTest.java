package dev.va.application.triage.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every rule shown in docs/RULES.md must compile, so the documentation cannot drift from the grammar. */
class RulesDocumentationTest {

  @Test
  void everyDocumentedRuleIsValid() throws IOException {
    String doc = Files.readString(Path.of("..", "docs", "RULES.md"));
    Matcher block = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(doc);
    List<String> rules = new ArrayList<>();
    while (block.find()) {
      if (block.group(1).contains("\"when\"")) rules.add(block.group(1));
    }
    assertThat(rules).hasSizeGreaterThanOrEqualTo(6);
    for (String rule : rules) {
      assertThat(RuleDocument.validate(rule)).as(rule).isEmpty();
    }
  }
}
