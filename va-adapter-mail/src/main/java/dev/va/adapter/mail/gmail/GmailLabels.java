package dev.va.adapter.mail.gmail;

import com.google.api.services.gmail.model.Label;
import com.google.api.services.gmail.model.ListLabelsResponse;
import dev.va.adapter.mail.gmail.GmailCalls.Session;
import dev.va.application.port.out.MailProvider.MailProviderException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The labels of a mailbox, names and ids, as labels.list told them during one operation. System labels (INBOX,
 * STARRED, IMPORTANT, ...) have their id as their name. Gmail label names are unique regardless of case.
 */
final class GmailLabels {
  private final Map<String, String> nameById;

  private GmailLabels(Map<String, String> nameById) {
    this.nameById = nameById;
  }

  static GmailLabels load(Session session) {
    ListLabelsResponse response = session.execute(users -> users.labels().list(GmailMailProvider.ME));
    Map<String, String> nameById = new LinkedHashMap<>();
    if (response.getLabels() != null) {
      for (Label label : response.getLabels()) {
        if (label.getId() != null) nameById.put(label.getId(), label.getName() != null ? label.getName() : label.getId());
      }
    }
    return new GmailLabels(nameById);
  }

  /** Names of the labels with these ids; an id unknown here stays as it is. */
  List<String> names(List<String> ids) {
    List<String> names = new ArrayList<>();
    if (ids != null) for (String id : ids) names.add(nameById.getOrDefault(id, id));
    return names;
  }

  /** The id of the label of that name (exact, else ignoring case). */
  Optional<String> idOf(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    String caseless = null;
    for (Map.Entry<String, String> label : nameById.entrySet()) {
      if (label.getValue().equals(name)) return Optional.of(label.getKey());
      if (caseless == null && label.getValue().toLowerCase(Locale.ROOT).equals(lower)) caseless = label.getKey();
    }
    return Optional.ofNullable(caseless);
  }

  /** The id of the label of that name, created when the mailbox has none. */
  static String ensure(Session session, String name) {
    Optional<String> existing = load(session).idOf(name);
    if (existing.isPresent()) return existing.get();
    Label created;
    try {
      created = session.execute(users -> users.labels().create(GmailMailProvider.ME, new Label().setName(name)
          .setLabelListVisibility("labelShow").setMessageListVisibility("show")));
    } catch (MailProviderException e) {
      // created meanwhile by someone else (Gmail answers 409): use theirs
      return load(session).idOf(name).orElseThrow(() -> e);
    }
    if (created.getId() == null) {
      throw new MailProviderException(
          "Gmail created label " + name + " without an id", false, null);
    }
    return created.getId();
  }
}
