package dev.va.adapter.llm;

import java.util.Optional;

/**
 * The chat messages sent for one email: the instructions, the recipient's own categories when they have any, and
 * the email.
 *
 * @param inputTokens tokens of every message with the chat format's own: at most
 *     {@link PromptBuilder#MAX_INPUT_TOKENS} for the instructions and the email, plus at most
 *     {@link PromptBuilder#MAX_CATEGORY_TOKENS} for the categories
 * @param cacheKey SHA-256 (hex) of everything sent that shapes the answer: model, allowed categories with their
 *     descriptions, every message
 */
record TriagePrompt(String system, Optional<String> categories, String user, int inputTokens, String cacheKey) {}
