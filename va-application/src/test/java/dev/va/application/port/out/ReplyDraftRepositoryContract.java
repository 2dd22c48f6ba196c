package dev.va.application.port.out;

import static dev.va.application.fixture.ReplyDraftBuilder.aDraft;
import static dev.va.application.fixture.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import dev.va.application.fixture.Paging;
import dev.va.application.fixture.TestTimes;
import dev.va.domain.mail.EmailMessageId;
import dev.va.domain.reply.DraftSource;
import dev.va.domain.reply.DraftStatus;
import dev.va.domain.reply.OutboxEntryId;
import dev.va.domain.reply.ReplyDraft;
import dev.va.domain.reply.ReplyDraftId;
import dev.va.domain.rule.AutoReplyRuleId;
import dev.va.domain.user.User;
import dev.va.domain.user.UserId;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link ReplyDraftRepository} shares. */
public interface ReplyDraftRepositoryContract {
  ReplyDraftRepository drafts();

  /** Where owners are stored first, so stores with foreign keys accept the drafts. */
  UserRepository users();

  private UserId storedUser() {
    User user = aUser().build();
    users().insert(user);
    return user.id();
  }

  private ReplyDraft stored(ReplyDraft draft) {
    assertThat(drafts().insertIfAbsent(draft)).isTrue();
    return draft;
  }

  @Test
  default void storesEveryField() {
    ReplyDraft draft = stored(aDraft(storedUser()).build());
    ReplyDraft bare = stored(aDraft(draft.userId()).withoutTemplate().body("").build());
    ReplyDraft written = stored(aDraft(draft.userId()).withoutTemplate().source(DraftSource.LLM, null).build());
    ReplyDraft fallback = stored(aDraft(draft.userId()).source(DraftSource.TEMPLATE,
        "the language model gave no draft; the template was used instead").build());

    assertThat(drafts().findById(draft.userId(), draft.id())).contains(draft);
    assertThat(drafts().findById(bare.userId(), bare.id())).contains(bare);
    assertThat(drafts().findById(written.userId(), written.id())).contains(written);
    assertThat(drafts().findById(fallback.userId(), fallback.id())).contains(fallback);
  }

  @Test
  default void keepsOneDraftPerRuleAndMessage() {
    ReplyDraft draft = stored(aDraft(storedUser()).build());

    assertThat(drafts().insertIfAbsent(aDraft(draft.userId()).rule(draft.ruleId()).message(draft.messageId())
        .body("another").build())).isFalse();
    assertThat(drafts().insertIfAbsent(aDraft(draft.userId()).rule(AutoReplyRuleId.random())
        .message(draft.messageId()).build())).isTrue();
    assertThat(drafts().insertIfAbsent(aDraft(draft.userId()).rule(draft.ruleId())
        .message(EmailMessageId.random()).build())).isTrue();

    assertThat(drafts().list(draft.userId(), null, PageRequest.first(10)).items()).hasSize(3);
  }

  @Test
  default void storesTheNextVersionOnlyOverThePreviousOne() {
    ReplyDraft draft = stored(aDraft(storedUser()).build());
    ReplyDraft approved = draft.approve(OutboxEntryId.random(), TestTimes.at(100));
    ReplyDraft rejected = draft.reject(TestTimes.at(101));

    assertThat(drafts().update(approved)).isTrue();
    assertThat(drafts().update(rejected)).isFalse();

    assertThat(drafts().findById(draft.userId(), draft.id())).contains(approved);
  }

  @Test
  default void hidesADraftFromOtherUsers() {
    ReplyDraft draft = stored(aDraft(storedUser()).build());
    UserId stranger = storedUser();

    assertThat(drafts().findById(stranger, draft.id())).isEmpty();
    assertThat(drafts().list(stranger, null, PageRequest.first(10)).items()).isEmpty();
    assertThat(drafts().findById(draft.userId(), ReplyDraftId.random())).isEmpty();
  }

  @Test
  default void listsNewestFirstByStatusPageByPage() {
    UserId owner = storedUser();
    ReplyDraft oldest = stored(aDraft(owner).createdAt(TestTimes.at(1)).build());
    ReplyDraft middle = stored(aDraft(owner).createdAt(TestTimes.at(2)).build());
    ReplyDraft newest = stored(aDraft(owner).createdAt(TestTimes.at(3)).build());
    ReplyDraft rejected = middle.reject(TestTimes.at(10));
    assertThat(drafts().update(rejected)).isTrue();

    assertThat(Paging.allItems(page -> drafts().list(owner, null, page), 2))
        .containsExactly(newest, rejected, oldest);
    assertThat(Paging.allPages(page -> drafts().list(owner, null, page), 2)).hasSize(2);
    assertThat(drafts().list(owner, DraftStatus.PENDING, PageRequest.first(10)).items())
        .containsExactly(newest, oldest);
    assertThat(drafts().list(owner, DraftStatus.REJECTED, PageRequest.first(10)).items()).containsExactly(rejected);
  }

  @Test
  default void deletingTheOwnerDeletesTheDrafts() {
    ReplyDraft draft = stored(aDraft(storedUser()).build());
    ReplyDraft other = stored(aDraft(storedUser()).build());

    users().delete(draft.userId());

    assertThat(drafts().findById(draft.userId(), draft.id())).isEmpty();
    assertThat(drafts().findById(other.userId(), other.id())).contains(other);
  }
}
