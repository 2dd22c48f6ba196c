package dev.va.application.triage.classify;

import dev.va.application.triage.signals.HeaderSignals;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The models of local triage in one file: the category model and, when one was trained, the needs-reply model.
 * Without a needs-reply model, {@link NeedsReplyDetector} falls back to its cues (a question, a request phrase).
 *
 * <p>File format: the magic {@code VATM}, a format version (1), the number of sections, then per section its name
 * ({@code category} or {@code needs_reply}, each at most once, {@code category} required), its length and its bytes
 * (a {@link LogisticRegression} file). Sections are length-prefixed so that each model is read from exactly its
 * own bytes.
 */
public record TriageModel(LogisticRegression categories, Optional<LogisticRegression> needsReply) {
  private static final byte[] MAGIC = {'V', 'A', 'T', 'M'};
  private static final int FORMAT_VERSION = 1;
  private static final String CATEGORY = "category";
  private static final String NEEDS_REPLY = "needs_reply";
  private static final int MAX_SECTION_BYTES = 1 << 30;

  public TriageModel {
    Objects.requireNonNull(categories, "categories");
    Objects.requireNonNull(needsReply, "needsReply");
  }

  /** Models that know nothing yet: header signals decide, or the no-evidence default; needs-reply uses cues. */
  public static TriageModel untrained() {
    return new TriageModel(Models.newCategoryModel(), Optional.empty());
  }

  /** The needs-reply detector of this model, at the threshold the evaluation chose. */
  public NeedsReplyDetector needsReplyDetector() {
    return new NeedsReplyDetector(needsReply.orElseGet(Models::newNeedsReplyModel), Models.NEEDS_REPLY_THRESHOLD);
  }

  /** A classifier over these models; safe to share between threads. */
  public LocalClassifier classifier(HeaderSignals signals) {
    return new LocalClassifier(categories, needsReplyDetector(), signals);
  }

  public void writeTo(OutputStream out) throws IOException {
    DataOutputStream data = new DataOutputStream(out);
    data.write(MAGIC);
    data.writeInt(FORMAT_VERSION);
    data.writeInt(needsReply.isPresent() ? 2 : 1);
    section(data, CATEGORY, categories);
    if (needsReply.isPresent()) section(data, NEEDS_REPLY, needsReply.get());
    data.flush();
  }

  private static void section(DataOutputStream data, String name, LogisticRegression model) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    model.writeTo(bytes);
    data.writeUTF(name);
    data.writeInt(bytes.size());
    bytes.writeTo(data);
  }

  /** Reads a file written by {@link #writeTo}; rejects other formats, versions, unknown sections and corrupt data. */
  public static TriageModel readFrom(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    byte[] magic = new byte[MAGIC.length];
    data.readFully(magic);
    if (!Arrays.equals(magic, MAGIC)) throw new IOException("not a va triage model file");
    int version = data.readInt();
    if (version != FORMAT_VERSION) throw new IOException("unsupported triage model format version " + version);
    int sections = data.readInt();
    if (sections < 1 || sections > 2) throw new IOException("corrupt triage model: " + sections + " sections");
    LogisticRegression categories = null;
    LogisticRegression needsReply = null;
    for (int i = 0; i < sections; i++) {
      String name = data.readUTF();
      boolean category = name.equals(CATEGORY) && categories == null;
      if (!category && !(name.equals(NEEDS_REPLY) && needsReply == null)) {
        throw new IOException("corrupt triage model: unexpected section \"" + name + "\"");
      }
      int length = data.readInt();
      if (length < 0 || length > MAX_SECTION_BYTES) throw new IOException("corrupt triage model: section length");
      byte[] bytes = data.readNBytes(length);
      if (bytes.length != length) throw new IOException("corrupt triage model: truncated section " + name);
      LogisticRegression model = LogisticRegression.readFrom(new ByteArrayInputStream(bytes));
      if (category) categories = model;
      else needsReply = model;
    }
    if (categories == null) throw new IOException("corrupt triage model: no category model");
    return new TriageModel(categories, Optional.ofNullable(needsReply));
  }
}
