package dev.va.application.triage.classify;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits text into the word features of {@link TextFeatures}, by hand rather than by regular expression: this runs
 * over every message body, and the equivalent pattern (kept as the specification in the tests) spent most of the
 * triage time backtracking through its alternatives. Scanning from left to right, at each code point the first of
 * these that matches wins, and scanning resumes after it:
 *
 * <ol>
 *   <li>a URL, {@code http://}, {@code https://} or {@code www.} and the characters up to a space, {@code <>"')]}:
 *       {@code __url} and {@code url_host:} with its lower-case host;
 *   <li>an e-mail address: a letter or digit, at most 63 of letters, digits and {@code ._%+-}, {@code @}, then two
 *       to nine dot-separated labels of letters, digits and {@code -}, each at most 63 long: {@code __email};
 *   <li>an amount of money, {@code $ € £} before ASCII digits or digits before {@code usd}, {@code eur}, {@code gbp}
 *       or {@code dollar(s)}, with at most one white-space character between: {@code __money};
 *   <li>a number, an ASCII digit and the digits, {@code .}, {@code ,} and {@code :} after it: {@code __num};
 *   <li>a word, a letter and the letters, digits, {@code '} and {@code _} after it, lower-cased, if then at most 30
 *       characters long;
 *   <li>{@code !} or {@code ?}, as itself.
 * </ol>
 *
 * Letters and digits are Unicode's (categories L and N); "white space" is ASCII's. The bounds keep every start
 * position's work constant, so no input is slow.
 */
final class Tokenizer {
  private static final int MAX_LOCAL = 63;
  private static final int MAX_LABEL = 63;
  private static final int MAX_EXTRA_LABELS = 8;
  private static final int MAX_WORD = 30;

  private final char[] text;
  private final int n;
  private final String prefix;
  private final List<String> out;
  private final byte[] scratch = new byte[MAX_WORD];

  private Tokenizer(String text, String prefix, List<String> out) {
    // a char array, not the String: its accesses do not branch on the String's internal coding, which keeps the
    // compiled loop small and stable when text outside Latin-1 first turns up (recompiling it costs more than this)
    this.text = text.toCharArray();
    this.n = this.text.length;
    this.prefix = prefix;
    this.out = out;
  }

  /** The tokens of {@code text}, each prefixed, at most {@code limit} of them. */
  static List<String> tokens(String text, String prefix, int limit) {
    List<String> out = new ArrayList<>();
    if (text == null || text.isEmpty() || limit <= 0) return out;
    new Tokenizer(text, prefix, out).scan(limit);
    return out;
  }

  private void scan(int limit) {
    int i = 0;
    while (i < n && out.size() < limit) {
      char c = text[i];
      int end;
      if ((c == 'h' || c == 'w') && (end = url(i)) > 0) {
        emitUrl(i, end);
        i = end;
        continue;
      }
      int cp = c < Character.MIN_HIGH_SURROGATE ? c : Character.codePointAt(text, i);
      boolean letter = isLetter(cp);
      if ((letter || isNumber(cp)) && (end = email(i, cp)) > 0) {
        emit("__email");
        i = end;
      } else if ((isAsciiDigit(c) || c == '$' || c == '€' || c == '£') && (end = money(i)) > 0) {
        emit("__money");
        i = end;
      } else if (isAsciiDigit(c)) {
        end = i + 1;
        while (end < n && isNumberPart(text[end])) end++;
        emit("__num");
        i = end;
      } else if (letter) {
        i = word(i, cp);
      } else if (c == '!' || c == '?') {
        emit(c == '!' ? "!" : "?");
        i++;
      } else {
        // nothing starts here: move on by one code point, never into the middle of a surrogate pair
        i += Character.charCount(cp);
      }
    }
  }

  private void emit(String token) {
    out.add(prefix.isEmpty() ? token : prefix.concat(token));
  }

  private void emitUrl(int start, int end) {
    emit("__url");
    String host = host(new String(text, start, end - start).toLowerCase(Locale.ROOT));
    if (host != null) emit("url_host:".concat(host));
  }

  /** Emits the word starting at {@code i} (with code point {@code first}) and returns its end. */
  private int word(int i, int first) {
    int end = i + Character.charCount(first);
    boolean plain = first < 128;
    while (end < n) {
      char c = text[end];
      if (c < 128) {
        if (!(isAsciiLetter(c) || isAsciiDigit(c) || c == '\'' || c == '_')) break;
        end++;
      } else {
        int next = Character.codePointAt(text, end);
        if (!(isLetter(next) || isNumber(next))) break;
        plain = false;
        end += Character.charCount(next);
      }
    }
    if (plain) {
      if (end - i <= MAX_WORD) emit(asciiLowerCase(i, end));
    } else {
      // lower-casing may change the length outside ASCII (İ becomes two chars): the limit applies after it
      String word = new String(text, i, end - i).toLowerCase(Locale.ROOT);
      if (word.length() <= MAX_WORD) emit(word);
    }
    return end;
  }

  /** Lower case of ASCII text, as {@code toLowerCase(Locale.ROOT)} gives it, without its general machinery. */
  private String asciiLowerCase(int start, int end) {
    int length = end - start; // at most MAX_WORD, which the scratch buffer holds
    for (int k = 0; k < length; k++) {
      char c = text[start + k];
      scratch[k] = (byte) (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    }
    // Latin-1 bytes become a String by a plain copy, where chars would be compressed one by one
    return new String(scratch, 0, length, StandardCharsets.ISO_8859_1);
  }

  /** The end of a URL starting at {@code i}, or -1. */
  private int url(int i) {
    int start;
    if (startsWith("http://", i)) start = i + 7;
    else if (startsWith("https://", i)) start = i + 8;
    else if (startsWith("www.", i)) start = i + 4;
    else return -1;
    int end = start;
    while (end < n && isUrlPart(text[end])) end++;
    return end > start ? end : -1;
  }

  private boolean startsWith(String ascii, int i) {
    if (i + ascii.length() > n) return false;
    for (int k = 0; k < ascii.length(); k++) {
      if (text[i + k] != ascii.charAt(k)) return false;
    }
    return true;
  }

  private static boolean isUrlPart(char c) {
    // a lone half of a surrogate pair is neither white space nor excluded: it belongs to the URL, as in a pattern
    return !(isSpace(c) || c == '<' || c == '>' || c == '"' || c == '\'' || c == ')' || c == ']');
  }

  /**
   * The host of a lower-case URL: after the scheme and a leading {@code www.}, up to {@code / : ? #}. When that is
   * empty the scheme or {@code www.} itself is taken (as a pattern that makes both optional would), so a URL always
   * has a host unless it starts with one of those four characters.
   */
  static String host(String url) {
    int afterScheme = url.startsWith("http://") ? 7 : url.startsWith("https://") ? 8 : -1;
    if (afterScheme >= 0) {
      String host = hostAt(url, url.startsWith("www.", afterScheme) ? afterScheme + 4 : afterScheme);
      if (host == null && url.startsWith("www.", afterScheme)) host = hostAt(url, afterScheme);
      if (host != null) return host;
    } else if (url.startsWith("www.")) {
      String host = hostAt(url, 4);
      if (host != null) return host;
    }
    return hostAt(url, 0);
  }

  private static String hostAt(String url, int start) {
    int end = start;
    while (end < url.length() && "/:?#".indexOf(url.charAt(end)) < 0) end++;
    return end > start ? url.substring(start, end) : null;
  }

  /** The end of an e-mail address starting at {@code i} (whose first code point is {@code first}), or -1. */
  private int email(int i, int first) {
    int j = run(i + Character.charCount(first), MAX_LOCAL, "._%+-");
    if (j >= n || text[j] != '@') return -1;
    // the first label must end at a dot (a longer one is cut at the limit, before a non-dot): two labels at least
    int label = labelEnd(j + 1);
    if (label < 0 || label >= n || text[label] != '.') return -1;
    int end = label;
    int extra = 0;
    while (extra < MAX_EXTRA_LABELS && end < n && text[end] == '.') {
      int next = labelEnd(end + 1);
      if (next < 0) break;
      end = next;
      extra++;
    }
    return extra > 0 ? end : -1;
  }

  /** The end of at most {@link #MAX_LABEL} label code points from {@code start}; -1 when there is none. */
  private int labelEnd(int start) {
    int end = run(start, MAX_LABEL, "-");
    return end == start ? -1 : end;
  }

  /** The end of at most {@code max} code points from {@code start} that are letters, digits or ASCII {@code extra}. */
  private int run(int start, int max, String extra) {
    int j = start;
    for (int count = 0; j < n && count < max; count++) {
      char c = text[j];
      if (c < 128) {
        if (!(isAsciiLetter(c) || isAsciiDigit(c) || extra.indexOf(c) >= 0)) break;
        j++;
      } else {
        int cp = Character.codePointAt(text, j);
        if (!(isLetter(cp) || isNumber(cp))) break;
        j += Character.charCount(cp);
      }
    }
    return j;
  }

  /** The end of an amount of money starting at {@code i}, or -1. */
  private int money(int i) {
    char c = text[i];
    if (c == '$' || c == '€' || c == '£') {
      int j = i + 1;
      if (j < n && isSpace(text[j])) j++;
      if (j >= n || !isAsciiDigit(text[j])) return -1;
      j++;
      while (j < n && isAmountPart(text[j])) j++;
      return j;
    }
    int j = i + 1;
    while (j < n && isAmountPart(text[j])) j++;
    if (j < n && isSpace(text[j])) j++;
    if (startsWith("usd", j) || startsWith("eur", j) || startsWith("gbp", j)) return j + 3;
    if (startsWith("dollar", j)) return j + 6 < n && text[j + 6] == 's' ? j + 7 : j + 6;
    return -1;
  }

  private static boolean isAmountPart(char c) {
    return isAsciiDigit(c) || c == ',' || c == '.';
  }

  private static boolean isNumberPart(char c) {
    return isAsciiDigit(c) || c == '.' || c == ',' || c == ':';
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isLetter(int cp) {
    return cp < 128 ? isAsciiLetter((char) cp) : Character.isLetter(cp);
  }

  private static boolean isNumber(int cp) {
    if (cp < 128) return cp >= '0' && cp <= '9';
    int type = Character.getType(cp);
    return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
        || type == Character.OTHER_NUMBER;
  }
}
