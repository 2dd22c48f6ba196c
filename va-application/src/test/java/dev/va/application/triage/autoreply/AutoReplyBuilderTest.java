package dev.va.application.triage.autoreply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.va.application.port.out.MailProvider.OutgoingMessage;
import dev.va.application.triage.TestMessages;
import java.util.List;
import org.junit.jupiter.api.Test;

class AutoReplyBuilderTest {

  @Test
  void repliesToFromWithThreadingAndLoopProtectionHeaders() {
    OutgoingMessage reply = AutoReplyBuilder.build(TestMessages.resource("autoreply/allowed.eml"), "me@va.test",
        "I am away until Monday.");
    assertThat(reply.from()).isEqualTo("me@va.test");
    assertThat(reply.to()).containsExactly("ann@clients.test");
    assertThat(reply.cc()).isEmpty();
    assertThat(reply.subject()).isEqualTo("Re: Meeting next week");
    assertThat(reply.textBody()).isEqualTo("I am away until Monday.");
    assertThat(reply.inReplyTo()).isEqualTo("<m1@clients.test>");
    assertThat(reply.references()).containsExactly("<m1@clients.test>");
    assertThat(reply.extraHeaders()).containsExactly(
        org.assertj.core.api.Assertions.entry("Auto-Submitted", "auto-replied"),
        org.assertj.core.api.Assertions.entry("Precedence", "bulk"),
        org.assertj.core.api.Assertions.entry("X-Auto-Response-Suppress", "All"));
  }

  @Test
  void prefersReplyToKeepsOneReAndExtendsReferences() {
    OutgoingMessage reply = AutoReplyBuilder.build(TestMessages.resource("autoreply/threaded.eml"), "me@va.test",
        "Thanks");
    assertThat(reply.to()).containsExactly("assist@clients.test");
    assertThat(reply.subject()).isEqualTo("RE: Re: Budget");
    assertThat(reply.inReplyTo()).isEqualTo("<m3@clients.test>");
    assertThat(reply.references()).isEqualTo(List.of("<m1@clients.test>", "<m2@va.test>", "<m3@clients.test>"));
  }

  @Test
  void usesInReplyToAsTheThreadWhenThereAreNoReferences() {
    OutgoingMessage reply = AutoReplyBuilder.build(TestMessages.parse("""
        From: ann@clients.test
        Subject: Re:  Lunch
        Message-ID: <m5@clients.test>
        In-Reply-To: <m4@va.test>

        Yes
        """), "me@va.test", "Noted");
    assertThat(reply.subject()).isEqualTo("Re:  Lunch");
    assertThat(reply.references()).containsExactly("<m4@va.test>", "<m5@clients.test>");
  }

  @Test
  void keepsHeaderInjectionOutOfTheSubject() {
    var injected = TestMessages.withSubject(TestMessages.parse("From: ann@clients.test\n\nx\n"),
        "Hello\r\nBcc: victim@else.test");
    assertThat(AutoReplyBuilder.build(injected, "me@va.test", "x").subject())
        .isEqualTo("Re: Hello Bcc: victim@else.test");
    var message = TestMessages.parse("From: ann@clients.test\n\nx\n");
    assertThat(AutoReplyBuilder.build(message, "me@va.test", "x").subject()).isEqualTo("Re:");
  }
}
