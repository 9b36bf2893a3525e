package org.opentransparency.verifier.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.opentransparency.verifier.archive.Finding;
import org.opentransparency.verifier.compare.ComparisonResult;
import org.opentransparency.verifier.compare.EntryDiff;
import org.opentransparency.verifier.compare.EntryStatus;
import org.opentransparency.verifier.compare.FieldDiff;

/**
 * The HTML report of {@code verifier compare}: one self-contained file (no script, no external
 * style, font or image: it opens offline and sends no request) with a summary, a collapsible tree
 * of the differing entries ({@code <details>}, so it needs no script) and highlighted diffs. Every
 * name and line from the archives is escaped: they are written by the party under review.
 */
public final class CompareHtml {
  private static final String STYLE =
      "body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:2em auto;"
          + "max-width:1100px;padding:0 1em;color:#1f2328;background:#fff}"
          + "h1{font-size:1.5em;margin:0 0 .3em}code,pre,.path{font-family:ui-monospace,"
          + "'SFMono-Regular',Menlo,Consolas,monospace;font-size:12.5px}"
          + ".verdict{display:inline-block;padding:.15em .7em;border-radius:1em;font-weight:600;"
          + "color:#fff}.identical{background:#1a7f37}.equivalent{background:#9a6700}"
          + ".different{background:#cf222e}table{border-collapse:collapse;margin:.8em 0}"
          + "td,th{border:1px solid #d0d7de;padding:.25em .7em;text-align:left}"
          + "th{background:#f6f8fa}details{margin:.15em 0 .15em 1.2em}summary{cursor:pointer}"
          + ".st{display:inline-block;min-width:5.5em;font-size:11px;font-weight:600;"
          + "text-transform:uppercase;border-radius:3px;padding:0 .4em;margin-right:.5em;color:#fff}"
          + ".metadata{background:#9a6700}.modified{background:#cf222e}.added{background:#1a7f37}"
          + ".removed{background:#6e7781}pre.diff{background:#f6f8fa;border:1px solid #d0d7de;"
          + "padding:.5em;overflow-x:auto;margin:.4em 0}.add{background:#dafbe1;display:block}"
          + ".del{background:#ffebe9;display:block}.hunk{color:#8250df;display:block}"
          + ".fields td:first-child{font-family:ui-monospace,monospace}.note{color:#656d76}"
          + ".finding{color:#cf222e}";

  private CompareHtml() {}

  public static void write(ComparisonResult r, OutputStream out) throws IOException {
    out.write(render(r).getBytes(StandardCharsets.UTF_8));
  }

  static String render(ComparisonResult r) {
    StringBuilder h = new StringBuilder();
    head(h, "verifier compare: " + r.left().path() + " vs " + r.right().path(), "");
    h.append("<h1>Comparison <span class=\"verdict ")
        .append(r.verdict().id())
        .append("\">")
        .append(r.verdict().id())
        .append("</span></h1>\n");
    body(r, h);
    h.append(
            "<p class=\"note\">Made by verifier compare. Entries not listed are the same on both sides.</p>")
        .append("</body></html>\n");
    return h.toString();
  }

  /**
   * Opens a self-contained page: no script, no external resource, a policy that forbids both, and
   * this page's style plus {@code extraStyle}.
   */
  static void head(StringBuilder h, String title, String extraStyle) {
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
        .append("<title>")
        .append(esc(title))
        .append("</title><style>")
        .append(STYLE)
        .append(extraStyle)
        .append("</style></head><body>\n");
  }

  /** The comparison without its page and heading: inputs, counts, findings, the entry tree. */
  static void body(ComparisonResult r, StringBuilder h) {
    if (!r.rulesApplied().isEmpty()) {
      h.append("<p class=\"note\">Equal only given the normalization rules: ")
          .append(esc(String.join(", ", r.rulesApplied())))
          .append("</p>\n");
    }
    h.append("<table><tr><th></th><th>path</th><th>format</th><th>size</th><th>sha256</th></tr>");
    input(h, "left", r.left());
    input(h, "right", r.right());
    h.append("</table>\n");
    ComparisonResult.Summary s = r.summary();
    h.append(
        String.format(
            Locale.ROOT,
            "<table><tr><th>same</th><th>metadata</th><th>modified</th><th>added</th><th>removed</th></tr>"
                + "<tr><td>%d</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td></tr></table>%n",
            s.same(),
            s.metadata(),
            s.modified(),
            s.added(),
            s.removed()));
    if (!r.archiveFields().isEmpty()) {
      h.append("<h2>Archive</h2>");
      fields(h, r.archiveFields());
    }
    if (!r.findings().isEmpty()) {
      h.append("<h2>Findings</h2><ul>");
      for (Finding f : r.findings()) {
        h.append("<li class=\"finding\"><code>")
            .append(esc(f.kind()))
            .append("</code> <span class=\"path\">")
            .append(esc(f.path()))
            .append("</span>: ")
            .append(esc(f.message()))
            .append("</li>");
      }
      h.append("</ul>\n");
    }
    if (!r.entries().isEmpty()) {
      h.append("<h2>Entries that differ</h2>\n");
      entries(h, r.entries());
    }
  }

  private static void input(StringBuilder h, String side, ComparisonResult.Input in) {
    h.append("<tr><th>")
        .append(side)
        .append("</th><td class=\"path\">")
        .append(esc(in.path()))
        .append("</td><td>")
        .append(esc(in.format()))
        .append("</td><td>")
        .append(in.size())
        .append("</td><td><code>")
        .append(in.sha256() == null ? "" : esc(in.sha256()))
        .append("</code></td></tr>");
  }

  private static void fields(StringBuilder h, java.util.List<FieldDiff> fields) {
    h.append("<table class=\"fields\"><tr><th>field</th><th>left</th><th>right</th></tr>");
    for (FieldDiff f : fields) {
      h.append("<tr><td>")
          .append(esc(f.field()))
          .append("</td><td>")
          .append(f.left() == null ? "<i>none</i>" : esc(f.left()))
          .append("</td><td>")
          .append(f.right() == null ? "<i>none</i>" : esc(f.right()))
          .append("</td></tr>");
    }
    h.append("</table>");
  }

  private static void entry(StringBuilder h, EntryDiff e) {
    boolean open = e.status() == EntryStatus.MODIFIED;
    h.append(open ? "<details open>" : "<details>")
        .append("<summary><span class=\"st ")
        .append(e.status().id())
        .append("\">")
        .append(e.status().id())
        .append("</span><span class=\"path\">")
        .append(esc(e.label()))
        .append("</span>");
    if (e.left() != null && e.right() != null && e.status() == EntryStatus.MODIFIED) {
      h.append(
          String.format(
              Locale.ROOT,
              " <span class=\"note\">%d &rarr; %d bytes",
              e.left().size(),
              e.right().size()));
      if (e.firstDifferenceOffset() != null) {
        h.append(", first difference at byte ").append(e.firstDifferenceOffset());
      }
      h.append("</span>");
    }
    h.append("</summary>");
    if (!e.fields().isEmpty()) {
      fields(h, e.fields());
    }
    if (!e.diff().isEmpty()) {
      h.append("<pre class=\"diff\">");
      for (String line : e.diff()) {
        String cls =
            line.startsWith("@@")
                ? "hunk"
                : line.startsWith("+") && !line.startsWith("+++")
                    ? "add"
                    : line.startsWith("-") && !line.startsWith("---") ? "del" : null;
        if (cls == null) {
          h.append(esc(line)).append('\n');
        } else {
          h.append("<span class=\"").append(cls).append("\">").append(esc(line)).append("</span>");
        }
      }
      h.append("</pre>");
    }
    entries(h, e.children());
    h.append("</details>\n");
  }

  /** How many paths of a group the page lists. */
  private static final int GROUP_LISTED = 1000;

  /** The entries of one level; see {@link EntryRows} for which are grouped. */
  private static void entries(StringBuilder h, java.util.List<EntryDiff> entries) {
    for (EntryRows row : EntryRows.of(entries)) {
      if (!row.isGroup()) {
        entry(h, row.entry());
        continue;
      }
      java.util.List<EntryDiff> group = row.group();
      h.append("<details><summary><span class=\"st metadata\">metadata</span><span class=\"path\">")
          .append(String.format(Locale.ROOT, "%,d entries", group.size()))
          .append("</span> <span class=\"note\">differ only in these fields</span></summary>");
      fields(h, row.fields());
      h.append("<ul class=\"group\">");
      for (EntryDiff e : group.subList(0, Math.min(GROUP_LISTED, group.size()))) {
        h.append("<li class=\"path\">").append(esc(e.label())).append("</li>");
      }
      if (group.size() > GROUP_LISTED) {
        h.append("<li>")
            .append(
                String.format(
                    Locale.ROOT,
                    "and %,d more (the JSON report lists every entry)",
                    group.size() - GROUP_LISTED))
            .append("</li>");
      }
      h.append("</ul></details>\n");
    }
  }

  /** Escapes text for HTML element content and attribute values. */
  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<':
          b.append("&lt;");
          break;
        case '>':
          b.append("&gt;");
          break;
        case '&':
          b.append("&amp;");
          break;
        case '"':
          b.append("&quot;");
          break;
        case '\'':
          b.append("&#39;");
          break;
        case '\0':
          b.append("\\0");
          break;
        default:
          b.append(c);
      }
    }
    return b.toString();
  }
}
