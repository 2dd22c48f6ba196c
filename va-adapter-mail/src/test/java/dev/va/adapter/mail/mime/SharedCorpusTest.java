package dev.va.adapter.mail.mime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.va.domain.mail.EmailMessage.Attachment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Real-world and deliberately malformed messages from the shared data folder (skipped when it is absent). */
class SharedCorpusTest {
  private final MimeIngest ingest = new MimeIngest(MimeLimits.defaults());

  private Map<String, ParsedMessage> parseAll(Path dir, String glob) throws IOException {
    Map<String, ParsedMessage> out = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(p -> p.getFileSystem().getPathMatcher("glob:" + glob).matches(p.getFileName()))
          .sorted().toList()) {
        byte[] raw = Files.readAllBytes(file);
        ParsedMessage m = ingest.parse(raw);
        assertThat(m.sizeBytes()).as(file.toString()).isEqualTo(raw.length);
        assertThat(m.parseWarnings()).as(file.toString()).noneMatch(w -> w.contains("parser failure"));
        out.put(file.getFileName().toString(), m);
      }
    }
    return out;
  }

  @Test
  void everyMime4jTestMessageIngestsWithSensibleFields() throws IOException {
    Map<String, ParsedMessage> all = parseAll(SharedData.folder("data/mime/mime4j-testmsgs"), "*.msg");
    assertThat(all).hasSize(32);

    ParsedMessage example = all.get("example.msg");
    assertThat(example.from()).isEqualTo("Robert Burrell Donkin <robertburrelldonkin@blueyonder.co.uk>");
    assertThat(example.subject()).startsWith("This is an example of a multipart mixed email");
    assertThat(example.bodyText()).startsWith("Licensed to the Apache Software Foundation");
    assertThat(example.attachments()).extracting(Attachment::name).containsExactly("blob.png", "blob.png",
        "rhubarb.txt");

    assertThat(all.get("simple-attachment.msg").attachments()).singleElement()
        .isEqualTo(new Attachment("data.bin", "application/octet-stream", 1024));
    assertThat(all.get("russian-headers.msg").attachments()).extracting(Attachment::name)
        .containsExactly("Список.doc");
    assertThat(all.get("qp-body.msg").bodyText()).isEqualTo("7bit content with euro € symbol");
    assertThat(all.get("basic-plain.msg").parseWarnings()).isEmpty();
    assertThat(all.get("basic-plain.msg").date()).isNotNull();
    assertThat(all.get("malformedHeader-noheader.msg").bodyText())
        .startsWith("This is a simple message not having headers.");
    assertThat(all.get("malformedHeader-nocrlfcrlf.msg").subject()).isEqualTo("this is a subject");
    assertThat(all.get("misplaced-boundary.msg").bodyText()).contains("--boundary");
    assertThat(all.get("boundary-name-clash.msg").attachments()).extracting(Attachment::contentType)
        .containsExactly("application/pdf");
    // a line that only resembles the boundary stays in the body
    assertThat(all.get("very-long-boundary.msg").bodyText()).startsWith("Text body")
        .contains("should be part of the body");
    assertThat(all.get("base64encoded-rfc822message-nested.msg").bodyText()).contains("Text body");
    assertThat(all.get("missing-boundary.msg").parseWarnings()).anyMatch(w -> w.contains("boundary"));
    for (String name : List.of("multipartemptypart.msg", "multipartnestedemptypartsnorfc822.msg")) {
      assertThat(all.get(name).from()).isEqualTo("Me <me@example.com>");
    }
  }

  @Test
  void spamCorpusParsesAndReportsThroughput() throws IOException {
    Path dir = SharedData.folder("data/emails/csdmc2010/TRAINING");
    List<byte[]> raws;
    try (Stream<Path> files = Files.list(dir)) {
      raws = files.filter(p -> p.toString().endsWith(".eml")).sorted().map(p -> {
        try {
          return Files.readAllBytes(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).toList();
    }
    int withText = 0;
    for (byte[] raw : raws) { // first pass: checks, and warms up the JIT
      ParsedMessage m = ingest.parse(raw);
      assertThat(m.parseWarnings()).noneMatch(w -> w.contains("parser failure"));
      if (!m.bodyText().isBlank()) withText++;
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long wall = System.nanoTime();
    long cpu = threads.getCurrentThreadCpuTime();
    for (byte[] raw : raws) ingest.parse(raw);
    double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
    double wallSeconds = (System.nanoTime() - wall) / 1e9;
    // CPU time is what tells the parser's cost on a shared machine; wall time depends on the load around it
    System.out.printf("MIME parse throughput over %d messages, one thread: %.0f msgs per CPU-second, %.0f msgs/s wall%n",
        raws.size(), raws.size() / cpuSeconds, raws.size() / wallSeconds);
    assertThat(raws).hasSize(4327);
    assertThat(withText).isGreaterThan(raws.size() * 9 / 10);
  }
}
