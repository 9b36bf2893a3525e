package org.opentransparency.verifier.report;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import org.opentransparency.verifier.archive.Finding;
import org.opentransparency.verifier.compare.ComparisonResult;
import org.opentransparency.verifier.compare.EntryDiff;
import org.opentransparency.verifier.compare.EntryStatus;
import org.opentransparency.verifier.compare.FieldDiff;
import org.opentransparency.verifier.internal.json.StrictJson;

/** The text and JSON reports of {@code verifier compare} (SPEC 3.2, docs/json.md). */
public final class CompareReport {
  private CompareReport() {}

  /** A summary line, the counts, archive-level differences, the entry tree and the findings. */
  public static String text(ComparisonResult r) {
    StringBuilder sb = new StringBuilder();
    sb.append(r.verdict().id())
        .append(": ")
        .append(r.left().path())
        .append(" vs ")
        .append(r.right().path());
    if (!r.rulesApplied().isEmpty()) {
      sb.append(", given ").append(String.join(", ", r.rulesApplied()));
    }
    sb.append('\n');
    ComparisonResult.Summary s = r.summary();
    sb.append(
        String.format(
            Locale.ROOT,
            "  same %d, metadata %d, modified %d, added %d, removed %d%n",
            s.same(),
            s.metadata(),
            s.modified(),
            s.added(),
            s.removed()));
    for (FieldDiff f : r.archiveFields()) {
      sb.append("  archive ").append(field(f)).append('\n');
    }
    entries(sb, r.entries(), "  ");
    if (!r.findings().isEmpty()) {
      sb.append("findings:\n");
      for (Finding f : r.findings()) {
        sb.append("  ")
            .append(f.kind())
            .append(' ')
            .append(f.path())
            .append(": ")
            .append(f.message())
            .append('\n');
      }
    }
    return sb.toString();
  }

  private static String marker(EntryStatus s) {
    switch (s) {
      case METADATA:
        return "~";
      case MODIFIED:
        return "M";
      case ADDED:
        return "+";
      case REMOVED:
        return "-";
      default:
        return "=";
    }
  }

  private static String field(FieldDiff f) {
    return f.field() + ": " + show(f.left()) + " -> " + show(f.right());
  }

  private static String show(String v) {
    return v == null ? "(none)" : v;
  }

  /** The entries of one level; see {@link EntryRows} for which are grouped. */
  private static void entries(StringBuilder sb, List<EntryDiff> entries, String indent) {
    for (EntryRows row : EntryRows.of(entries)) {
      if (!row.isGroup()) {
        entry(sb, row.entry(), indent);
        continue;
      }
      List<EntryDiff> group = row.group();
      sb.append(indent)
          .append(String.format(Locale.ROOT, "~ %,d entries differ only in", group.size()))
          .append('\n');
      for (FieldDiff f : row.fields()) {
        sb.append(indent).append("    ").append(field(f)).append('\n');
      }
      sb.append(indent).append("    ");
      for (int i = 0; i < GROUP_SHOWN; i++) {
        sb.append(group.get(i).label()).append(", ");
      }
      sb.append(String.format(Locale.ROOT, "... (%,d more)", group.size() - GROUP_SHOWN))
          .append('\n');
    }
  }

  /** How many paths of a group the text names. */
  private static final int GROUP_SHOWN = 3;

  private static void entry(StringBuilder sb, EntryDiff e, String indent) {
    sb.append(indent).append(marker(e.status())).append(' ').append(e.label());
    if (e.status() == EntryStatus.MODIFIED
        && e.diff().isEmpty()
        && e.left() != null
        && e.right() != null
        && e.children().isEmpty()) {
      sb.append(
          String.format(
              Locale.ROOT,
              " (%d -> %d bytes%s)",
              e.left().size(),
              e.right().size(),
              e.firstDifferenceOffset() == null
                  ? ""
                  : ", first difference at byte " + e.firstDifferenceOffset()));
    }
    sb.append('\n');
    for (FieldDiff f : e.fields()) {
      sb.append(indent).append("    ").append(field(f)).append('\n');
    }
    for (String line : e.diff()) {
      sb.append(indent).append("    ").append(line).append('\n');
    }
    entries(sb, e.children(), indent + "  ");
  }

  /** The JSON object of SPEC 3.2, with every entry that is not the same. */
  public static void json(ComparisonResult r, OutputStream out) throws IOException {
    try (JsonGenerator g = StrictJson.generator(out)) {
      object(r, g);
    }
    out.write('\n');
  }

  /** Writes the object of {@link #json} into a generator (the audit report embeds it). */
  static void object(ComparisonResult r, JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeStringField("verdict", r.verdict().id());
    input(g, "left", r.left());
    input(g, "right", r.right());
    g.writeObjectFieldStart("summary");
    g.writeNumberField("same", r.summary().same());
    g.writeNumberField("metadata", r.summary().metadata());
    g.writeNumberField("modified", r.summary().modified());
    g.writeNumberField("added", r.summary().added());
    g.writeNumberField("removed", r.summary().removed());
    g.writeEndObject();
    fields(g, "archive", r.archiveFields());
    g.writeArrayFieldStart("entries");
    for (EntryDiff e : r.entries()) {
      entry(g, e);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("findings");
    for (Finding f : r.findings()) {
      g.writeStartObject();
      g.writeStringField("path", f.path());
      g.writeStringField("kind", f.kind());
      g.writeStringField("message", f.message());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("rulesApplied");
    for (String rule : r.rulesApplied()) {
      g.writeString(rule);
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void input(JsonGenerator g, String name, ComparisonResult.Input in)
      throws IOException {
    g.writeObjectFieldStart(name);
    g.writeStringField("path", in.path());
    g.writeStringField("format", in.format());
    g.writeNumberField("size", in.size());
    g.writeStringField("sha256", in.sha256());
    g.writeEndObject();
  }

  private static void fields(JsonGenerator g, String name, List<FieldDiff> fields)
      throws IOException {
    g.writeArrayFieldStart(name);
    for (FieldDiff f : fields) {
      g.writeStartObject();
      g.writeStringField("field", f.field());
      g.writeStringField("left", f.left());
      g.writeStringField("right", f.right());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void side(JsonGenerator g, String name, EntryDiff.Side s) throws IOException {
    if (s == null) {
      g.writeNullField(name);
      return;
    }
    g.writeObjectFieldStart(name);
    g.writeStringField("type", s.type());
    g.writeNumberField("size", s.size());
    g.writeStringField("sha256", s.sha256());
    g.writeEndObject();
  }

  private static void entry(JsonGenerator g, EntryDiff e) throws IOException {
    g.writeStartObject();
    g.writeStringField("path", e.path());
    if (e.copy() > 0) {
      g.writeNumberField("copy", e.copy());
    }
    g.writeStringField("status", e.status().id());
    side(g, "left", e.left());
    side(g, "right", e.right());
    fields(g, "fields", e.fields());
    g.writeArrayFieldStart("diff");
    for (String line : e.diff()) {
      g.writeString(line);
    }
    g.writeEndArray();
    if (e.firstDifferenceOffset() != null) {
      g.writeNumberField("firstDifferenceOffset", e.firstDifferenceOffset());
    }
    g.writeArrayFieldStart("children");
    for (EntryDiff c : e.children()) {
      entry(g, c);
    }
    g.writeEndArray();
    g.writeEndObject();
  }
}
