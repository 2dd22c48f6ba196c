package dev.va.application.fake;

import dev.va.application.port.out.LlmClassifier;
import dev.va.application.port.out.LlmClassifierContract;
import dev.va.domain.mail.Category;

class ScriptedLlmClassifierTest implements LlmClassifierContract {
  @Override
  public LlmClassifier answering(String category, double confidence, boolean needsReply) {
    return ScriptedLlmClassifier.answering(new Category(category), confidence, needsReply);
  }

  @Override
  public LlmClassifier failing() {
    return ScriptedLlmClassifier.down();
  }
}
