package dev.va.adapter.mail.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.va.domain.mail.EmailAccountId;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.user.UserId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MimeIngestTest {
  private final MimeIngest ingest = new MimeIngest(MimeLimits.defaults());

  private ParsedMessage fixture(String name) throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/mime/" + name)) {
      assertThat(in).as(name).isNotNull();
      return ingest.parse(in.readAllBytes());
    }
  }

  private ParsedMessage parse(String text) {
    return ingest.parse(text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void wellFormedMessageYieldsAllFieldsAndNoWarnings() {
    ParsedMessage m = parse("""
        From: Alice Example <alice@example.com>
        Reply-To: help@example.com
        To: bob@example.com, "Carol C." <carol@example.com>
        Cc: dave@example.com
        Subject: Quarterly numbers
        Date: Mon, 2 Jun 2025 10:15:30 +0200
        Message-ID: <abc.123@example.com>
        In-Reply-To: <parent@example.com>
        References: <root@example.com>
         <parent@example.com>
        X-Custom: one
        X-Custom: two
        MIME-Version: 1.0
        Content-Type: multipart/alternative; boundary="alt"

        --alt
        Content-Type: text/plain; charset=utf-8

        Hello Bob,
        numbers attached.
        --alt
        Content-Type: text/html; charset=utf-8

        <p>Hello <b>Bob</b></p>
        --alt--
        """);

    assertThat(m.parseWarnings()).isEmpty();
    assertThat(m.from()).isEqualTo("Alice Example <alice@example.com>");
    assertThat(m.replyTo()).containsExactly("help@example.com");
    assertThat(m.to()).containsExactly("bob@example.com", "Carol C. <carol@example.com>");
    assertThat(m.cc()).containsExactly("dave@example.com");
    assertThat(m.subject()).isEqualTo("Quarterly numbers");
    assertThat(m.date()).isEqualTo(Instant.parse("2025-06-02T08:15:30Z"));
    assertThat(m.messageId()).isEqualTo("<abc.123@example.com>");
    assertThat(m.inReplyTo()).isEqualTo("<parent@example.com>");
    assertThat(m.references()).containsExactly("<root@example.com>", "<parent@example.com>");
    assertThat(m.threadRoot()).isEqualTo("<root@example.com>");
    assertThat(m.header("x-custom")).containsExactly("one", "two");
    assertThat(m.headers().keySet()).startsWith("from", "reply-to", "to", "cc", "subject");
    assertThat(m.bodyText()).isEqualTo("Hello Bob,\nnumbers attached.");
    assertThat(m.attachments()).isEmpty();
  }

  @Test
  void displayNamesAreDecodedUnquotedAndUnescaped() {
    ParsedMessage m = parse("""
        From: =?UTF-8?Q?Jos=C3=A9_?= =?UTF-8?B?R8OzbWV6?= <jose@example.com>
        To: "Doe, Jane" <jane@example.com>, "Say \\"hi\\" \\\\ there" <hi@example.com>, plain@example.com,
         <angle@example.com>, "" <empty@example.com>, Team: ann@example.com, "=?ISO-8859-1?Q?B=E9a?=" <bea@example.com>;
        Subject: names

        body
        """);

    assertThat(m.from()).isEqualTo("José Gómez <jose@example.com>");
    assertThat(m.to()).containsExactly("Doe, Jane <jane@example.com>", "Say \"hi\" \\ there <hi@example.com>",
        "plain@example.com", "angle@example.com", "empty@example.com", "ann@example.com", "Béa <bea@example.com>");
  }

  @Test
  void brokenCharsetsFallBackWithWarnings() throws IOException {
    ParsedMessage m = fixture("broken-charset.eml");

    assertThat(m.bodyText()).contains("Café crème brûlée").contains("Grüße aus München");
    assertThat(m.parseWarnings())
        .anySatisfy(w -> assertThat(w).contains("not valid UTF-8"))
        .anySatisfy(w -> assertThat(w).contains("unknown charset 'x-no-such-charset'"));
  }

  @Test
  void encodedWordsAreDecodedAndMalformedOnesKept() throws IOException {
    ParsedMessage m = fixture("encoded-words.eml");

    assertThat(m.from()).isEqualTo("Jörg Müller <joerg@example.com>");
    assertThat(m.to()).containsExactly("Doe, John <john@example.com>", "René <rene@example.com>");
    // the euro sign is split across two adjacent words; the white space between encoded words goes
    assertThat(m.subject()).isEqualTo("Price in €: 100 and cafétext");
    assertThat(m.header("x-lang")).containsExactly("hello world");
    String broken = m.header("x-broken").get(0);
    assertThat(broken).contains("tail").contains("café").endsWith("=?utf-8?Q?unterminated");
    assertThat(m.parseWarnings())
        .anySatisfy(w -> assertThat(w).contains("unknown charset 'x-nope'"))
        .anySatisfy(w -> assertThat(w).contains("malformed RFC 2047"));
    assertThat(m.bodyText()).isEqualTo("body");
  }

  @Test
  void missingBoundaryParameterIsGuessedFromTheBody() throws IOException {
    ParsedMessage m = fixture("missing-boundary.eml");

    assertThat(m.bodyText()).isEqualTo("first part");
    assertThat(m.attachments()).singleElement().satisfies(a -> {
      assertThat(a.name()).isEqualTo("report.pdf");
      assertThat(a.contentType()).isEqualTo("application/pdf");
      assertThat(a.size()).isEqualTo(45);
    });
    assertThat(m.parseWarnings()).anySatisfy(w -> assertThat(w).contains("no boundary parameter"));
  }

  @Test
  void unclosedMultipartKeepsItsLastPartAndPrefersPlainText() throws IOException {
    ParsedMessage m = fixture("unclosed-multipart.eml");

    assertThat(m.bodyText()).isEqualTo("plain version");
    assertThat(m.parseWarnings()).containsExactly("multipart has no closing boundary; its last part runs to the end");
  }

  @Test
  void eightBitHeadersAreReadAsUtf8ElseLatin1() throws IOException {
    ParsedMessage m = fixture("8bit-headers.eml");

    assertThat(m.subject()).isEqualTo("Grüße — 8-bit subject");
    assertThat(m.to()).containsExactly("Jürgen <juergen@example.com>");
    assertThat(m.from()).isEqualTo("François Dupont <francois@example.com>");
    assertThat(m.parseWarnings()).singleElement().satisfies(w -> assertThat(w).contains("header 'From'")
        .contains("ISO-8859-1"));
    assertThat(m.bodyText()).isEqualTo("Hallo Jürgen");
  }

  @Test
  void hugeHeadersAreCutAndCapped() throws IOException {
    ParsedMessage m = fixture("huge-header.eml");

    assertThat(m.subject()).hasSizeLessThanOrEqualTo(MimeLimits.DEFAULT_MAX_HEADER_FIELD_BYTES).startsWith("xxx");
    assertThat(m.header("received")).hasSizeBetween(100, 2999);
    assertThat(m.parseWarnings())
        .anySatisfy(w -> assertThat(w).contains("header 'Subject' longer than"))
        .anySatisfy(w -> assertThat(w).contains("later fields dropped"));
    // the header section still ends where it ends: the body is found
    assertThat(m.bodyText()).isEqualTo("body after huge header");
  }

  @Test
  void deepNestingIsBoundedAndConfigurable() throws IOException {
    ParsedMessage m = fixture("nesting-50.eml");
    assertThat(m.bodyText()).isEmpty();
    assertThat(m.parseWarnings()).anySatisfy(w -> assertThat(w).contains("deeper than 20 levels"));

    byte[] raw = getClass().getResourceAsStream("/mime/nesting-50.eml").readAllBytes();
    MimeLimits deep = new MimeLimits(MimeLimits.DEFAULT_MAX_MESSAGE_BYTES, 60, 256 * 1024, 16 * 1024);
    ParsedMessage all = new MimeIngest(deep).parse(raw);
    assertThat(all.bodyText()).isEqualTo("deepest text");
    assertThat(all.parseWarnings()).isEmpty();
  }

  @Test
  void nestedMessagesContributeTextOrAreListedAsAttachments() throws IOException {
    ParsedMessage m = fixture("nested-rfc822.eml");

    assertThat(m.parseWarnings()).isEmpty();
    assertThat(m.bodyText()).startsWith("see below")
        .contains("---------- Forwarded message ----------\nFrom: Original Sender <orig@example.com>")
        .contains("Subject: The original")
        .endsWith("original text");
    assertThat(m.attachments()).extracting(EmailMessage.Attachment::name, EmailMessage.Attachment::contentType)
        .containsExactly(
            tuple("pic.png", "image/png"),
            tuple("Attached one.eml", "message/rfc822"));
    assertThat(m.attachments().get(0).size()).isEqualTo(8);
    assertThat(m.threadRoot()).isEqualTo("<root@example.com>");
  }

  @Test
  void htmlOnlyMessageBecomesReadableText() throws IOException {
    ParsedMessage m = fixture("html-only.eml");

    assertThat(m.bodyText()).isEqualTo(
        "Weekly news\n\nCafé & more: see the offer <https://example.com/offer>\n\n- one\n- two\n\nBad escape =ZZ here");
    assertThat(m.parseWarnings()).singleElement().satisfies(w -> assertThat(w).contains("invalid escapes"));
  }

  @Test
  void messageWithoutDateAndFromIsKeptWithWarnings() throws IOException {
    ParsedMessage m = fixture("no-date-from.eml");

    assertThat(m.from()).isNull();
    assertThat(m.date()).isNull();
    assertThat(m.subject()).isEqualTo("who sent this?");
    assertThat(m.bodyText()).isEqualTo("body without sender");
    assertThat(m.parseWarnings()).containsExactly("message has no readable From address", "message has no Date header");

    Instant now = Instant.parse("2025-06-10T12:00:00Z");
    EmailMessage email = m.toEmailMessage(EmailAccountId.random(), UserId.random(), "p-1",
        null, List.of("inbox"), now);
    assertThat(email.receivedAt()).isEqualTo(now);
    assertThat(email.parseWarnings()).isEqualTo(m.parseWarnings());
    assertThat(email.labels()).containsExactly("inbox");
  }

  @Test
  void oversizeMessageKeepsHeadersOnly() {
    MimeLimits small = new MimeLimits(2048, 20, 4096, 1024);
    String big = "From: a@example.com\nSubject: big one\nDate: Mon, 2 Jun 2025 10:00:00 +0000\n\n" + "y".repeat(5000);
    ParsedMessage m = new MimeIngest(small).parse(big.getBytes(StandardCharsets.US_ASCII));

    assertThat(m.subject()).isEqualTo("big one");
    assertThat(m.bodyText()).isEmpty();
    assertThat(m.sizeBytes()).isEqualTo(big.length());
    assertThat(m.parseWarnings()).singleElement().satisfies(w -> assertThat(w).contains("over the limit of 2048"));
  }

  @Test
  void anythingAtAllParsesWithoutThrowing() {
    Random random = new Random(42);
    String[] pieces = {"Content-Type: multipart/mixed; boundary=b\r\n", "--b\r\n", "--b--\r\n", "\r\n",
        "Content-Transfer-Encoding: base64\r\n", "=?utf-8?B?", "?=", "Subject: x\r\n", " folded\r\n",
        "Content-Type: message/rfc822\r\n", "\u00ff\u00fe", "=\r\n", "<html><p>"};
    for (int i = 0; i < 500; i++) {
      StringBuilder raw = new StringBuilder();
      for (int k = random.nextInt(40); k > 0; k--) raw.append(pieces[random.nextInt(pieces.length)]);
      byte[] bytes = raw.toString().getBytes(StandardCharsets.ISO_8859_1);
      ParsedMessage m = ingest.parse(bytes);
      assertThat(m.sizeBytes()).isEqualTo(bytes.length);
      assertThat(m.parseWarnings()).allSatisfy(w -> assertThat(w).doesNotContain("parser failure"));
    }
  }
}
