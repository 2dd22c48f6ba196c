package dev.va.adapter.mail.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailSourcesTest {
  @TempDir Path dir;

  private static final String MBOX = """
      From alice@example.com Mon Jun  2 10:00:00 2025
      From: alice@example.com
      Subject: first

      Hello
      >From the start, this line was escaped.
      >>From stays quoted once.

      From bob@example.com Mon Jun  2 11:00:00 2025
      From: bob@example.com
      Subject: second

      Hi,
      From here on a line that does not follow an empty line is no separator.
      Bye

      From carol@example.com Mon Jun  2 12:00:00 2025
      From: carol@example.com
      Subject: third

      last
      """;

  private static List<RawMessage> all(Path path) throws IOException {
    try (Stream<RawMessage> messages = MailSources.read(path)) {
      return messages.toList();
    }
  }

  private static String text(RawMessage m) {
    return new String(m.bytes(), StandardCharsets.UTF_8);
  }

  @Test
  void mboxIsSplitAtFromLinesAndUnescaped() throws IOException {
    Path mbox = Files.writeString(dir.resolve("archive.mbox"), MBOX);

    List<RawMessage> messages = all(mbox);

    assertThat(messages).extracting(RawMessage::source)
        .containsExactly("archive.mbox#1", "archive.mbox#2", "archive.mbox#3");
    assertThat(text(messages.get(0))).isEqualTo("""
        From: alice@example.com
        Subject: first

        Hello
        From the start, this line was escaped.
        >From stays quoted once.
        """);
    assertThat(text(messages.get(1))).contains("From here on a line").endsWith("Bye\n");
    assertThat(text(messages.get(2))).endsWith("last\n");
    assertThat(messages).allMatch(m -> m.sizeBytes() == m.bytes().length);
  }

  @Test
  void mboxLinesLongerThanTheReadBufferStayWhole() throws IOException {
    String longLine = "y".repeat(150_000) + "\n";
    String message = "Subject: long\n\n" + longLine + "short\n" + longLine;
    Path mbox = Files.writeString(dir.resolve("long.mbox"),
        "From a@example.com Mon Jun  2 10:00:00 2025\n" + message + "\nFrom b@example.com Mon Jun  2 10:00:00 2025\n"
            + "Subject: next\n\nend");

    List<RawMessage> messages = all(mbox);

    assertThat(messages).hasSize(2);
    assertThat(text(messages.get(0))).isEqualTo(message);
    assertThat(text(messages.get(1))).isEqualTo("Subject: next\n\nend");
  }

  @Test
  void oversizeMboxMessageKeepsItsStartAndFullSize() throws IOException {
    String big = "From x@example.com Mon Jun  2 10:00:00 2025\nSubject: big\n\n" + ("z".repeat(99) + "\n").repeat(6000) + "\n";
    Path mbox = Files.writeString(dir.resolve("big.mbox"), big.repeat(2));

    try (Stream<RawMessage> messages = MailSources.read(mbox, 1000)) {
      List<RawMessage> list = messages.toList();
      assertThat(list).hasSize(2).allSatisfy(m -> {
        assertThat(m.bytes().length).isEqualTo(MimeIngest.OVERSIZE_PREFIX_BYTES);
        assertThat(m.sizeBytes()).isGreaterThanOrEqualTo(600_000);
        assertThat(text(m)).startsWith("Subject: big");
        ParsedMessage parsed = new MimeIngest(new MimeLimits(1024, 20, 4096, 1024)).parse(m.bytes(), m.sizeBytes());
        assertThat(parsed.subject()).isEqualTo("big");
        assertThat(parsed.sizeBytes()).isEqualTo(m.sizeBytes());
        assertThat(parsed.bodyText()).isEmpty();
      });
    }
  }

  @Test
  void maildirReadsCurAndNewButNotTmp() throws IOException {
    Path maildir = dir.resolve("Mail");
    for (String sub : List.of("cur", "new", "tmp")) Files.createDirectories(maildir.resolve(sub));
    Files.writeString(maildir.resolve("cur/1700000000.1.host:2,S"), "Subject: seen\n\nold\n");
    Files.writeString(maildir.resolve("new/1700000001.2.host"), "Subject: fresh\n\nnew\n");
    Files.writeString(maildir.resolve("tmp/1700000002.3.host"), "Subject: partial\n\n");

    assertThat(all(maildir)).extracting(RawMessage::source)
        .containsExactly("cur/1700000000.1.host:2,S", "new/1700000001.2.host");
  }

  @Test
  void directoryMixesEmlFilesMboxesAndMaildirs() throws IOException {
    Files.writeString(dir.resolve("a.eml"), "Subject: a\n\nA\n");
    Files.writeString(dir.resolve("b.mbox"), MBOX);
    Files.writeString(dir.resolve(".hidden"), "Subject: no\n\n");
    Path maildir = dir.resolve("z-maildir");
    Files.createDirectories(maildir.resolve("new"));
    Files.writeString(maildir.resolve("new/1.host"), "Subject: m\n\nM\n");

    MimeIngest ingest = new MimeIngest(MimeLimits.defaults());
    List<RawMessage> messages = all(dir);

    assertThat(messages).extracting(RawMessage::source)
        .containsExactly("a.eml", "b.mbox#1", "b.mbox#2", "b.mbox#3", "z-maildir/new/1.host");
    assertThat(messages).extracting(m -> ingest.parse(m.bytes(), m.sizeBytes()).subject())
        .containsExactly("a", "first", "second", "third", "m");
  }

  @Test
  void unreadableFilesAreReportedInPlaceAndReadingGoesOn() throws IOException {
    Files.writeString(dir.resolve("a.eml"), "Subject: a\n\nA\n");
    Files.createSymbolicLink(dir.resolve("b.eml"), dir.resolve("missing.eml"));
    Files.writeString(dir.resolve("c.eml"), "Subject: c\n\nC\n");

    List<String> events = new ArrayList<>();
    try (Stream<RawMessage> messages = MailSources.read(dir, MimeLimits.DEFAULT_MAX_MESSAGE_BYTES,
        (source, error) -> events.add("unreadable " + source + " " + error.getClass().getSimpleName()))) {
      messages.forEach(m -> events.add(m.source()));
    }

    assertThat(events).containsExactly("a.eml", "unreadable b.eml NoSuchFileException", "c.eml");
    assertThatThrownBy(() -> all(dir)).isInstanceOf(UncheckedIOException.class).hasMessageStartingWith("b.eml: ");
  }

  @Test
  void singleFileIsOneMessage() throws IOException {
    Path eml = Files.writeString(dir.resolve("one.eml"), "From: x@example.com\nSubject: one\n\nbody\n");
    assertThat(all(eml)).singleElement().satisfies(m -> assertThat(m.source()).isEqualTo("one.eml"));
  }
}
