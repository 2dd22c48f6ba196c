package dev.va.bootstrap.config;

/** OAuth client of the Gmail provider. */
public record GmailConfig(String clientId, String clientSecret) {
  @Override
  public String toString() {
    return "GmailConfig[clientId=" + clientId + ", clientSecret=***]";
  }
}
