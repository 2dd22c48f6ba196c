package dev.va.application.fake;

import dev.va.application.port.out.ReplyWriter;
import dev.va.application.port.out.ReplyWriterContract;

class ScriptedReplyWriterTest implements ReplyWriterContract {
  @Override
  public ReplyWriter answering(String text) {
    return ScriptedReplyWriter.answering(text);
  }

  @Override
  public ReplyWriter failing() {
    return ScriptedReplyWriter.down();
  }
}
