package org.opentransparency.verifier.report;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.opentransparency.verifier.audit.AuditCheck;
import org.opentransparency.verifier.audit.AuditResult;
import org.opentransparency.verifier.internal.json.StrictJson;

/**
 * The reports of {@code verifier audit} (SPEC 3.8): a checklist with one line per check and the
 * verdict (text), the same as one JSON object that embeds the verify and compare objects, and one
 * self-contained HTML page that embeds the comparison report.
 */
public final class AuditReport {
  /**
   * Marks of a passed and a failed check, on a terminal that shows UTF-8 and on one that does not.
   */
  private static final String PASS_UTF8 = "\u2713";

  private static final String FAIL_UTF8 = "\u2717";
  private static final String PASS_ASCII = "PASS";
  private static final String FAIL_ASCII = "FAIL";

  private static final String STYLE =
      ".checks{width:100%;table-layout:fixed}.checks th:nth-child(1){width:1.6em}"
          + ".checks th:nth-child(2){width:7.5em}.checks td{vertical-align:top;overflow-wrap:anywhere}"
          + ".mark{font-weight:700;font-size:1.1em;text-align:center}"
          + ".pass{color:#1a7f37}.fail{color:#cf222e}.passed{background:#1a7f37}"
          + ".failed{background:#cf222e}ul.details{margin:.2em 0 0 1em;padding:0;color:#656d76}"
          + "section{margin-top:1.5em;border-top:1px solid #d0d7de}";

  private AuditReport() {}

  /**
   * The checklist: a heading, one line per check ({@code ✓ name summary}, further lines indented
   * below), then {@code PASSED|FAILED <artifact>: ...}.
   *
   * @param unicode whether to mark checks with ✓/✗ (else PASS/FAIL, for terminals that are not
   *     UTF-8)
   */
  public static String text(AuditResult r, boolean unicode) {
    StringBuilder sb = new StringBuilder();
    sb.append("audit of ")
        .append(r.artifact())
        .append(" (role ")
        .append(r.role())
        .append(", at ")
        .append(r.at().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
        .append(")\n");
    for (AuditCheck c : r.checks()) {
      String mark =
          c.passed() ? (unicode ? PASS_UTF8 : PASS_ASCII) : (unicode ? FAIL_UTF8 : FAIL_ASCII);
      sb.append(String.format(Locale.ROOT, "  %s %-12s  %s\n", mark, c.kind().id(), c.summary()));
      for (String d : c.details()) {
        sb.append("        ").append(d).append('\n');
      }
    }
    sb.append(verdictLine(r));
    return sb.toString();
  }

  /** {@code PASSED <artifact>: 4 of 4 checks passed} or {@code FAILED <artifact>: 2 of 4 ...}. */
  static String verdictLine(AuditResult r) {
    int n = r.checks().size();
    return r.passed()
        ? String.format(
            Locale.ROOT,
            "PASSED %s: %d of %d check%s passed",
            r.artifact(),
            n,
            n,
            n == 1 ? "" : "s")
        : String.format(
            Locale.ROOT,
            "FAILED %s: %d of %d check%s failed",
            r.artifact(),
            r.failures(),
            n,
            n == 1 ? "" : "s");
  }

  /** The audit as one JSON object (docs/json.md). */
  public static void json(AuditResult r, OutputStream out) throws IOException {
    try (JsonGenerator g = StrictJson.generator(out)) {
      g.writeStartObject();
      g.writeStringField("verdict", r.passed() ? "passed" : "failed");
      g.writeObjectFieldStart("artifact");
      g.writeStringField("path", r.artifact());
      g.writeStringField("sha256", r.sha256());
      g.writeEndObject();
      g.writeStringField("role", r.role());
      g.writeStringField("at", r.at().toString());
      g.writeArrayFieldStart("checks");
      for (AuditCheck c : r.checks()) {
        g.writeStartObject();
        g.writeStringField("check", c.kind().id());
        g.writeStringField("status", c.passed() ? "passed" : "failed");
        g.writeStringField("subject", c.subject());
        g.writeStringField("summary", c.summary());
        g.writeArrayFieldStart("details");
        for (String d : c.details()) {
          g.writeString(d);
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeFieldName("signature");
      UpdateReport.object(r.signature(), g);
      if (r.comparison() == null) {
        g.writeNullField("comparison");
      } else {
        g.writeFieldName("comparison");
        CompareReport.object(r.comparison(), g);
      }
      g.writeEndObject();
    }
    out.write('\n');
  }

  /** One self-contained page: the checklist, then the comparison with the rebuild, if any. */
  public static void html(AuditResult r, OutputStream out) throws IOException {
    StringBuilder h = new StringBuilder();
    CompareHtml.head(h, "verifier audit: " + r.artifact(), STYLE);
    String verdict = r.passed() ? "passed" : "failed";
    h.append("<h1>Audit <span class=\"verdict ")
        .append(verdict)
        .append("\">")
        .append(verdict)
        .append("</span></h1>\n<p><span class=\"path\">")
        .append(CompareHtml.esc(r.artifact()))
        .append("</span> &middot; role <code>")
        .append(CompareHtml.esc(r.role()))
        .append("</code> &middot; at ")
        .append(
            CompareHtml.esc(r.at().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString()))
        .append("<br>sha256 <code>")
        .append(r.sha256() == null ? "" : CompareHtml.esc(r.sha256()))
        .append(
            "</code></p>\n<table class=\"checks\"><tr><th></th><th>check</th><th>result</th></tr>");
    for (AuditCheck c : r.checks()) {
      h.append("<tr><td class=\"mark ")
          .append(c.passed() ? "pass\">" + PASS_UTF8 : "fail\">" + FAIL_UTF8)
          .append("</td><td>")
          .append(c.kind().id())
          .append("</td><td>")
          .append(CompareHtml.esc(c.summary()));
      if (!c.details().isEmpty()) {
        h.append("<ul class=\"details\">");
        for (String d : c.details()) {
          h.append("<li class=\"path\">").append(CompareHtml.esc(d)).append("</li>");
        }
        h.append("</ul>");
      }
      h.append("</td></tr>");
    }
    h.append("</table>\n<p><strong>")
        .append(CompareHtml.esc(verdictLine(r)))
        .append("</strong></p>\n");
    if (r.comparison() != null) {
      h.append("<section><h2>Reproducibility: <span class=\"verdict ")
          .append(r.comparison().verdict().id())
          .append("\">")
          .append(r.comparison().verdict().id())
          .append("</span></h2>\n");
      CompareHtml.body(r.comparison(), h);
      h.append("</section>\n");
    }
    h.append("<p class=\"note\">Made by verifier audit.</p></body></html>\n");
    out.write(h.toString().getBytes(StandardCharsets.UTF_8));
  }
}
