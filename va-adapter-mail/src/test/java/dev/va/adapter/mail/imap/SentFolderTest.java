package dev.va.adapter.mail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.va.adapter.mail.imap.SentFolder.Listed;
import java.util.List;
import org.junit.jupiter.api.Test;

class SentFolderTest {
  private static Listed folder(String fullName, String... attributes) {
    String name = fullName.substring(Math.max(fullName.lastIndexOf('/'), fullName.lastIndexOf('.')) + 1);
    return new Listed(fullName, name, List.of(attributes));
  }

  @Test
  void theSpecialUseAttributeWinsOverNames() {
    assertThat(SentFolder.choose(List.of(folder("INBOX"), folder("Sent"), folder("Gesendet", "\\HasNoChildren",
        "\\Sent")))).contains("Gesendet");
  }

  @Test
  void withoutItACommonNameIsTakenInTheOrderOfTheList() {
    assertThat(SentFolder.choose(List.of(folder("INBOX"), folder("Sent Items"), folder("Sent"))))
        .contains("Sent");
    assertThat(SentFolder.choose(List.of(folder("INBOX"), folder("[Gmail]/Sent Mail"))))
        .contains("[Gmail]/Sent Mail");
    assertThat(SentFolder.choose(List.of(folder("INBOX"), folder("sent messages")))).contains("sent messages");
  }

  @Test
  void aCommonNameBelowANamespaceCountsToo() {
    assertThat(SentFolder.choose(List.of(folder("INBOX"), folder("INBOX.Sent")))).contains("INBOX.Sent");
  }

  @Test
  void noneWhenNothingLooksLikeASentFolder() {
    assertThat(SentFolder.choose(List.of(folder("INBOX"), folder("Archive"), folder("Sent-old")))).isEmpty();
  }
}
