package dev.va.application;

/** Where a request came from, for the audit log and throttling. Both values may be null outside HTTP. */
public record RequestMeta(String requestId, String clientAddress) {
  public static final RequestMeta NONE = new RequestMeta(null, null);
}
