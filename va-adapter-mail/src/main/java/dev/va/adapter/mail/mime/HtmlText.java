package dev.va.adapter.mail.mime;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Turns an HTML body into readable plain text: block elements start lines, list items get a dash, links keep their
 * target when it differs from their text (it matters for phishing and newsletter triage), scripts and styles go.
 */
final class HtmlText {
  private static final Set<String> BLOCKS = Set.of("address", "article", "aside", "blockquote", "center", "dd",
      "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
      "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "thead", "tfoot", "tr",
      "ul");
  private static final Set<String> PARAGRAPHS = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul",
      "ol", "table", "pre", "hr");
  private static final Set<String> SKIPPED = Set.of("script", "style", "head", "title", "noscript", "template");

  private static final Pattern TRAILING_SPACE = Pattern.compile("[ \\t\\u00a0]+\\n");
  private static final Pattern BLANK_RUNS = Pattern.compile("\\n{3,}");

  private HtmlText() {}

  static String toText(String html) {
    Document doc = Jsoup.parse(html);
    Builder builder = new Builder();
    NodeTraversor.traverse(builder, doc.body() != null ? doc.body() : doc);
    return builder.result();
  }

  private static final class Builder implements NodeVisitor {
    private final StringBuilder out = new StringBuilder();
    private int skipDepth;
    private int preDepth;

    @Override
    public void head(Node node, int depth) {
      if (node instanceof TextNode text) {
        if (skipDepth > 0) return;
        appendText(preDepth > 0 ? text.getWholeText() : text.text());
        return;
      }
      if (!(node instanceof Element element)) return;
      String tag = element.normalName();
      if (SKIPPED.contains(tag)) {
        skipDepth++;
        return;
      }
      if (skipDepth > 0) return;
      if (tag.equals("pre")) preDepth++;
      if (tag.equals("br")) {
        out.append('\n');
      } else if (BLOCKS.contains(tag)) {
        newLine(PARAGRAPHS.contains(tag));
        if (tag.equals("li")) out.append("- ");
      } else if (tag.equals("td") || tag.equals("th")) {
        if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') out.append(' ');
      } else if (tag.equals("img")) {
        String alt = element.attr("alt").strip();
        if (!alt.isEmpty()) appendText("[" + alt + "]");
      }
    }

    @Override
    public void tail(Node node, int depth) {
      if (!(node instanceof Element element)) return;
      String tag = element.normalName();
      if (SKIPPED.contains(tag)) {
        skipDepth--;
        return;
      }
      if (skipDepth > 0) return;
      if (tag.equals("pre")) preDepth--;
      if (BLOCKS.contains(tag)) {
        newLine(PARAGRAPHS.contains(tag));
      } else if (tag.equals("a")) {
        String href = element.attr("href").strip();
        String text = element.text().strip();
        String lower = href.toLowerCase(Locale.ROOT);
        if ((lower.startsWith("http:") || lower.startsWith("https:")) && !href.equals(text) && !text.isEmpty()) {
          out.append(" <").append(href).append('>');
        }
      }
    }

    private void appendText(String text) {
      if (text.isEmpty()) return;
      char last = out.length() == 0 ? '\n' : out.charAt(out.length() - 1);
      if ((last == '\n' || last == ' ') && preDepth == 0) text = text.stripLeading();
      out.append(text);
    }

    /** Starts a new line; a paragraph also leaves one blank line, never more. */
    private void newLine(boolean paragraph) {
      int len = out.length();
      if (len == 0) return;
      if (out.charAt(len - 1) != '\n') out.append('\n');
      if (paragraph && (len < 2 || out.charAt(out.length() - 2) != '\n')) out.append('\n');
    }

    String result() {
      // trailing spaces on lines come from inline spacing next to block boundaries
      return BLANK_RUNS.matcher(TRAILING_SPACE.matcher(out).replaceAll("\n")).replaceAll("\n\n").strip();
    }
  }
}
