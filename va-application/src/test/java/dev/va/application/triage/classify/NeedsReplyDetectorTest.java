package dev.va.application.triage.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.va.application.triage.TestMessages;
import org.junit.jupiter.api.Test;

class NeedsReplyDetectorTest {

  @Test
  void sentenceFeaturesCarryCues() {
    assertThat(NeedsReplyDetector.features("Could you send it?")).containsExactly("could", "you", "send", "it", "?",
        "could_you", "you_send", "send_it", "it_?", "__cue:question_end", "__cue:request", "__first:could");
  }

  @Test
  void fallsBackToCuesBeforeTraining() {
    NeedsReplyDetector untrained = new NeedsReplyDetector(Models.newNeedsReplyModel(), 0.5);
    assertThat(untrained.probability("Can we meet on Monday?")).isGreaterThanOrEqualTo(0.5);
    assertThat(untrained.probability("Kindly review the numbers")).isGreaterThanOrEqualTo(0.5);
    assertThat(untrained.probability("The weather was nice.")).isLessThan(0.5);
  }

  @Test
  void scoresAMessageByItsMostDemandingOwnSentence() {
    NeedsReplyDetector detector = SyntheticMail.needsReplyDetector();
    var asking = TestMessages.parse("""
        From: ann@clients.test
        Subject: Re: Figures

        Thanks for the numbers. The meeting went well yesterday.
        Could you send me the final report by Friday?

        -- 
        Ann
        """);
    NeedsReplyDetector.Assessment a = detector.assess(asking);
    assertThat(detector.needsReply(a)).isTrue();
    assertThat(a.sentence()).isEqualTo("Could you send me the final report by Friday?");

    var quoted = TestMessages.parse("""
        From: ann@clients.test
        Subject: Done

        The package arrived this morning.

        On Mon, 3 Mar 2025, Me wrote:
        > Could you confirm when the package arrives?
        """);
    assertThat(detector.needsReply(detector.assess(quoted))).isFalse();
  }

  @Test
  void learnsFromCorrections() {
    NeedsReplyDetector detector = SyntheticMail.needsReplyDetector();
    String sentence = "Tickets for the gala are on sale.";
    for (int i = 0; i < 30 && detector.probability(sentence) < 0.5; i++) detector.update(sentence, true);
    assertThat(detector.probability(sentence)).isGreaterThanOrEqualTo(0.5);
  }
}
