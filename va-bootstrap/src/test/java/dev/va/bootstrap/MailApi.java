package dev.va.bootstrap;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.va.adapter.web.ApiClient;
import dev.va.adapter.web.ApiClient.Session;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The mail calls end-to-end tests make on the API, against a GreenMail mailbox. */
final class MailApi {
  private MailApi() {}

  /** Connects the GreenMail mailbox {@code address} over plain IMAP and SMTP; returns the account id. */
  static String connectImap(ApiClient client, Session user, GreenMailExtension greenMail, String address,
      String password) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("email", address);
    body.put("imap_host", "127.0.0.1");
    body.put("imap_port", greenMail.getImap().getPort());
    body.put("imap_security", "none");
    body.put("smtp_host", "127.0.0.1");
    body.put("smtp_port", greenMail.getSmtp().getPort());
    body.put("smtp_security", "none");
    body.put("password", password);
    return client.post("/api/v1/email/accounts", user.accessToken(), body).ok(201).get("id").asText();
  }

  /** Subjects of the account's messages in va, newest first. */
  static List<String> subjects(ApiClient client, Session user, String accountId) {
    List<String> subjects = new ArrayList<>();
    client.get("/api/v1/email/messages?account_id=" + accountId, user.accessToken()).ok(200).get("items")
        .forEach(item -> subjects.add(item.get("subject").asText()));
    return subjects;
  }
}
