package dev.va.adapter.mail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.va.adapter.mail.imap.ProviderIds.ByMessageId;
import dev.va.adapter.mail.imap.ProviderIds.ByUid;
import dev.va.adapter.mail.imap.SyncCursor.FolderState;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The small text formats of the IMAP provider: cursor, provider ids, keywords. */
class ImapValuesTest {
  @Test
  void cursorRoundTripsAndRejectsWhatItDidNotWrite() {
    SyncCursor cursor = new SyncCursor(Map.of("INBOX", new FolderState(1700000000L, 42),
        "Work;Projects:2025 ü", new FolderState(7, 0)));

    String text = cursor.format();

    assertThat(text).startsWith("v1;INBOX:1700000000:42;");
    assertThat(SyncCursor.parse(text)).contains(cursor);
    for (String bad : new String[] {null, "", "garbage", "v2;INBOX:1:2", "v1;INBOX:x:2", "v1;INBOX:1", "v1;%zz:1:2",
        "v1;INBOX:-1:2"}) {
      assertThat(SyncCursor.parse(bad)).as(String.valueOf(bad)).isEmpty();
    }
    assertThat(SyncCursor.parse("v1;")).contains(new SyncCursor(Map.of()));
  }

  @Test
  void providerIdsUseTheMessageIdWhenUsableElseThePlace() {
    assertThat(ProviderIds.of("<abc@example.com>", "INBOX", 5, 9)).isEqualTo("mid:abc@example.com");
    assertThat(ProviderIds.parse("mid:abc@example.com")).contains(new ByMessageId("<abc@example.com>"));

    for (String unusable : new String[] {null, "abc@example.com", "<a b@example.com>", "<>",
        "<" + "x".repeat(ProviderIds.MAX_MESSAGE_ID + 1) + ">"}) {
      String id = ProviderIds.of(unusable, "Work/Sub folder", 5, 9);
      assertThat(id).isEqualTo("uid:5:9:Work%2FSub+folder");
      assertThat(ProviderIds.parse(id)).contains(new ByUid("Work/Sub folder", 5, 9));
    }
    assertThat(ProviderIds.of("<" + "x".repeat(ProviderIds.MAX_MESSAGE_ID) + ">", "INBOX", 1, 1)).hasSizeLessThan(512);
    assertThat(ProviderIds.parse("uid:x:9:INBOX")).isEmpty();
    assertThat(ProviderIds.parse("other")).isEmpty();
  }

  @Test
  void keywordsEncodeLabelsReversiblyAsAtoms() {
    for (String label : new String[] {"va/needs_reply", "Needs Reply", "Ünïcode €", "a&b", "(x)*%\"\\]"}) {
      String keyword = Keywords.encode(label);
      assertThat(keyword).matches("[A-Za-z0-9$\\-_./+:!#'=?@^`|~&]+");
      assertThat(Keywords.decode(keyword)).isEqualTo(label);
    }
    assertThat(Keywords.encode("va/needs_reply")).isEqualTo("va/needs_reply");
    assertThat(Keywords.decode("$Forwarded")).isEqualTo("$Forwarded");
  }
}
