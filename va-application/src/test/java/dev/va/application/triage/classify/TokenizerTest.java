package dev.va.application.triage.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The hand-written tokenizer must give exactly the tokens of the regular expression it replaced, since trained
 * models hold features by name: the expression is kept here as the specification, and both run over edge cases and
 * over random text built from the pieces each alternative cares about.
 */
class TokenizerTest {
  private static final Pattern TOKEN = Pattern.compile(
      "(?<url>(?:https?://|www\\.)[^\\s<>\"')\\]]+)"
          + "|(?<email>[\\p{L}\\p{N}][\\p{L}\\p{N}._%+-]{0,63}@[\\p{L}\\p{N}-]{1,63}(?:\\.[\\p{L}\\p{N}-]{1,63}){1,8})"
          + "|(?<money>[$€£]\\s?\\d[\\d,.]*|\\d[\\d,.]*\\s?(?:usd|eur|gbp|dollars?|euros?))"
          + "|(?<number>\\d[\\d.,:]*)"
          + "|(?<word>\\p{L}[\\p{L}\\p{N}'_]*)"
          + "|(?<mark>[!?])");
  private static final Pattern HOST = Pattern.compile("^(?:https?://)?(?:www\\.)?([^/:?#]+)");

  static List<String> specification(String text, String prefix, int limit) {
    List<String> out = new ArrayList<>();
    if (text == null || text.isEmpty()) return out;
    Matcher m = TOKEN.matcher(text);
    while (m.find() && out.size() < limit) {
      if (m.group("url") != null) {
        out.add(prefix + "__url");
        Matcher host = HOST.matcher(m.group("url").toLowerCase(Locale.ROOT));
        if (host.find()) out.add(prefix + "url_host:" + host.group(1));
      } else if (m.group("email") != null) {
        out.add(prefix + "__email");
      } else if (m.group("money") != null) {
        out.add(prefix + "__money");
      } else if (m.group("number") != null) {
        out.add(prefix + "__num");
      } else if (m.group("mark") != null) {
        out.add(prefix + m.group("mark"));
      } else {
        String word = m.group("word").toLowerCase(Locale.ROOT);
        if (word.length() <= 30) out.add(prefix + word);
      }
    }
    return out;
  }

  private static void same(String text) {
    assertThat(Tokenizer.tokens(text, "p:", Integer.MAX_VALUE)).as("tokens of %s", printable(text))
        .isEqualTo(specification(text, "p:", Integer.MAX_VALUE));
  }

  @Test
  void readsEachKindOfToken() {
    assertThat(Tokenizer.tokens("Hi Ann! Pay $ 5 or 12,50 eur at http://WWW.Shop.example:80/a?b to x.y@mail.ex-"
        + "ample.org by 3:30? 𝒜𝒷c ٣ 5euros", "", 100)).containsExactly("hi", "ann", "!", "pay", "__money", "or",
        "__money", "at", "__url", "url_host:shop.example", "to", "__email", "by", "__num", "?", "𝒜𝒷c",
        "__money", "os"); // a digit outside ASCII starts nothing; "eur" is an amount's end, so "os" is left
  }

  @Test
  void agreesWithTheSpecificationAtEveryBound() {
    String local63 = "a" + "b".repeat(63);
    String label63 = "c".repeat(63);
    for (String text : List.of(
        local63 + "@x.org", local63 + "b@x.org", "q" + local63 + "@x.org",
        "a@" + label63 + ".org", "a@" + label63 + "c.org", "a@x." + label63, "a@x." + label63 + "ccc.d",
        "a@x" + ".y".repeat(8), "a@x" + ".y".repeat(9), "a@x" + ".y".repeat(12) + "@z.w", "a@x.", "a@.x", "a@x..y",
        "a@-.-", "@x.y", "a@x.y@z.w",
        "http://", "https://", "https:// x", "www.", "www.x", "http:///path", "https://www./a", "http://www.",
        "www./x", "http://a?b#c", "wwww.x.com", "hhttp://x", "http://x)y", "(see http://x.org/a_(b))",
        "$", "$ ", "$ x", "$5", "$ 5,000.00.", "€1", "£ 2", "5usd", "5 usd", "5  usd", "5\tgbp", "5 dollar",
        "5 dollars", "5dollarsx", "5 euros", "5 eu", "1,2.3:4", "1:2usd", "12.", "..5", "$$5",
        "don't_stop", "l'été", "_x", "'x", "x'", "İstanbul", "ǅemal", "Ⅻ½x", "a٣b", "1٣",
        "\uD800", "\uDC00x", "x\uD800y", "\uD835\uDC9C@\uD835\uDC9C.\uD835\uDC9C", "a\u000Bb\fc\rd",
        "a".repeat(30), "a".repeat(31), "!?!", "¡hola?")) {
      same(text);
      same("x " + text + " y");
    }
  }

  @Test
  void agreesWithTheSpecificationOnRandomText() {
    String[] pieces = {
        "a", "b", "Z", "é", "İ", "ß", "𝒜", "ǅ", "x", "h", "w", "0", "7", "٣", "½", "Ⅻ", "@", "@", ".", ".", "-", "_",
        "%", "+", "'", "$", "€", "£", " ", " ", "\t", "\n", "\u000B", "\f", "\r", "\u00A0", "<", ">", "\"", ")",
        "]", "(", "/", ":", "?", "#", "!", ",", "http://", "https://", "www.", "usd", "eur", "gbp", "dollar", "s",
        "euros", "\uD800", "\uDC00", "mail", "example", "org", "123", "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"};
    Random random = new Random(20261127);
    for (int round = 0; round < 100_000; round++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(40);
      for (int i = 0; i < length; i++) text.append(pieces[random.nextInt(pieces.length)]);
      same(text.toString());
    }
  }

  @Test
  void stopsAtTheLimit() {
    String text = "one two http://x.org three four";
    for (int limit = 0; limit <= 7; limit++) {
      assertThat(Tokenizer.tokens(text, "", limit)).as("limit %d", limit)
          .isEqualTo(specification(text, "", limit));
    }
  }

  private static String printable(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints().forEach(cp -> {
      if (cp >= 0x20 && cp < 0x7f) out.appendCodePoint(cp);
      else out.append(String.format(Locale.ROOT, "\\u%04X", cp));
    });
    return out.toString();
  }
}
