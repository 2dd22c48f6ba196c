package dev.va.adapter.mail.mime;

/**
 * A message as read from a file: where it came from ({@code file}, {@code mbox#n}), its bytes and its full size. For
 * a message over the size limit the bytes are only its start (enough for the headers) and {@code sizeBytes} is more.
 */
public record RawMessage(String source, byte[] bytes, long sizeBytes) {}
