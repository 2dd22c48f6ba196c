package dev.va.adapter.llm;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.EncodingResult;
import com.knuddels.jtokkit.api.ModelType;

/**
 * Counts tokens with the model's own byte-pair encoding (jtokkit): the listed one for a model jtokkit knows by
 * exact name, else o200k_base, the encoding of every model with structured outputs (gpt-4o, gpt-4.1, o-series).
 * Special-token text such as {@code <|endoftext|>} is counted as ordinary text, which is how the API treats it in a
 * message. Loading an encoding takes a moment: share one counter.
 */
final class TokenCounter {
  /**
   * Text is cut to this many characters per wanted token before encoding, so a huge body costs little; a token
   * is far shorter in practice, and where it is not, less text is kept, never more tokens.
   */
  private static final int MAX_CHARS_PER_TOKEN = 64;

  private final Encoding encoding;

  TokenCounter(String model) {
    EncodingRegistry registry = Encodings.newLazyEncodingRegistry();
    this.encoding = ModelType.fromName(model).map(registry::getEncodingForModel)
        .orElseGet(() -> registry.getEncoding(EncodingType.O200K_BASE));
  }

  int count(String text) {
    return encoding.countTokensOrdinary(text);
  }

  /** The longest start of {@code text} that holds at most {@code maxTokens} tokens. */
  String truncate(String text, int maxTokens) {
    if (maxTokens <= 0 || text.isEmpty()) return "";
    String head = text;
    long cut = (long) maxTokens * MAX_CHARS_PER_TOKEN;
    if (text.length() > cut) {
      int end = (int) cut;
      if (Character.isHighSurrogate(text.charAt(end - 1))) end--;
      head = text.substring(0, end);
    }
    EncodingResult result = encoding.encodeOrdinary(head, maxTokens);
    return result.isTruncated() ? head.substring(0, result.getLastProcessedCharacterIndex() + 1) : head;
  }
}
