package dev.va.adapter.llm;

/**
 * The two chat messages sent for one email.
 *
 * @param inputTokens tokens of both messages with the chat format's own, at most
 *     {@link PromptBuilder#MAX_INPUT_TOKENS}
 * @param cacheKey SHA-256 (hex) of everything sent that shapes the answer: model, allowed categories, both messages
 */
record TriagePrompt(String system, String user, int inputTokens, String cacheKey) {}
