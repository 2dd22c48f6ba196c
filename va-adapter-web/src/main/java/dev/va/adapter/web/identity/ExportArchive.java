package dev.va.adapter.web.identity;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.va.adapter.web.ApiJson;
import dev.va.application.port.in.PrivacyUseCases.UserData;
import dev.va.domain.analysis.DataAnalysisJobId;
import dev.va.domain.audit.AuditEventId;
import dev.va.domain.job.JobId;
import dev.va.domain.mail.Category;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailAccountId;
import dev.va.domain.mail.EmailMessageId;
import dev.va.domain.rule.AutoReplyRuleId;
import dev.va.domain.schedule.ScheduledTaskId;
import dev.va.domain.shared.EmailAddress;
import dev.va.domain.shared.EncryptedSecret;
import dev.va.domain.user.User;
import dev.va.domain.user.UserId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A user's data export: a zip with one JSON document per kind of data, in the API's JSON conventions (snake_case,
 * ISO-8601 times, ids as strings). The password hash and mail credentials are left out here too, whatever the use
 * case hands over.
 */
public final class ExportArchive {
  private abstract static class WithoutPasswordHash {
    @JsonIgnore
    abstract String passwordHash();
  }

  private abstract static class WithoutCredentials {
    @JsonIgnore
    abstract EncryptedSecret credentials();
  }

  private final ObjectMapper json;

  public ExportArchive() {
    SimpleModule values = new SimpleModule("export-values");
    for (Class<?> type : List.of(UserId.class, EmailAccountId.class, EmailMessageId.class, AutoReplyRuleId.class,
        ScheduledTaskId.class, JobId.class, DataAnalysisJobId.class, AuditEventId.class, EmailAddress.class,
        Category.class)) {
      values.addSerializer(type, ToStringSerializer.instance);
    }
    this.json = ApiJson.mapper()
        .registerModule(values)
        .addMixIn(User.class, WithoutPasswordHash.class)
        .addMixIn(EmailAccount.class, WithoutCredentials.class)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .enable(SerializationFeature.INDENT_OUTPUT);
  }

  public byte[] zip(UserData data, Instant createdAt) {
    Map<String, Object> documents = new LinkedHashMap<>();
    documents.put("user.json", data.user());
    documents.put("accounts.json", data.accounts());
    documents.put("messages.json", data.messages());
    documents.put("rules.json", data.rules());
    documents.put("tasks.json", data.tasks());
    documents.put("jobs.json", data.jobs());
    documents.put("analyses.json", data.analyses());
    documents.put("audit.json", data.audit());
    documents.put("categories.json", data.categories());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, Object> document : documents.entrySet()) {
        ZipEntry entry = new ZipEntry(document.getKey());
        entry.setTime(createdAt.toEpochMilli());
        zip.putNextEntry(entry);
        zip.write(json.writeValueAsBytes(document.getValue()));
        zip.closeEntry();
      }
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("export data is not serialisable", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
