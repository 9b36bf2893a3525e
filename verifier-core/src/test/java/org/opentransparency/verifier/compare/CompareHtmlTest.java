package org.opentransparency.verifier.compare;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentransparency.verifier.TestData;
import org.opentransparency.verifier.archive.Finding;
import org.opentransparency.verifier.report.CompareHtml;

class CompareHtmlTest {
  private static String html(ComparisonResult r) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CompareHtml.write(r, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void html_selfContained_noScriptsStylesheetsOrUrls() throws IOException {
    ComparisonResult r =
        ArchiveComparator.compare(
            TestData.path("archives/out/app-left.war"),
            TestData.path("archives/out/app-right.war"),
            CompareOptions.builder().build());

    String h = html(r);

    assertTrue(h.startsWith("<!DOCTYPE html>"));
    assertFalse(h.contains("<script"), "no script");
    assertFalse(h.contains("<link"), "no external stylesheet");
    assertFalse(h.contains("http://") || h.contains("https://"), "no URL");
    assertFalse(h.contains("url("), "no CSS resource");
    assertTrue(h.contains("default-src 'none'"), "a CSP that forbids loading anything");
    assertTrue(
        h.contains(
            "<details open><summary><span class=\"st modified\">modified</span><span class=\"path\">WEB-INF/lib/core.jar</span>"),
        h);
    assertTrue(h.contains("<span class=\"del\">-    return &quot;hello&quot;;</span>"), h);
  }

  @Test
  void html_hostileNames_escaped() throws IOException {
    String evil = "<img src=x onerror=alert(1)>\"'&";
    ComparisonResult r =
        new ComparisonResult(
            CompareVerdict.DIFFERENT,
            new ComparisonResult.Input(evil, "zip", 1, "00"),
            new ComparisonResult.Input("b", "zip", 1, "11"),
            new ComparisonResult.Summary(0, 0, 1, 0, 0),
            List.of(new FieldDiff(evil, evil, null)),
            List.of(
                new EntryDiff(
                    evil,
                    EntryStatus.MODIFIED,
                    new EntryDiff.Side("file", 1, "00"),
                    new EntryDiff.Side("file", 1, "11"),
                    List.of(),
                    List.of("+" + evil),
                    null,
                    List.of())),
            List.of(new Finding(evil, "dot-dot-name", evil)),
            List.of());

    String h = html(r);

    assertFalse(h.contains("<img"), h);
    assertTrue(h.contains("&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;"), h);
  }
}
