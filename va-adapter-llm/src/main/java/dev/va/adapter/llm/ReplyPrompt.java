package dev.va.adapter.llm;

/**
 * The two chat messages that ask for one reply draft.
 *
 * @param inputTokens tokens of both messages with the chat format's own, at most
 *     {@link ReplyPromptBuilder#MAX_INPUT_TOKENS}
 */
record ReplyPrompt(String system, String user, int inputTokens) {}
