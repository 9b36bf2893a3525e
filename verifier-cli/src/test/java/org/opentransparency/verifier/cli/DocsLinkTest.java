package org.opentransparency.verifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentransparency.verifier.TestData;

/**
 * The repository stands alone on a clone: every link of README.md and of the Markdown under docs/
 * (and of every other Markdown file of the project) resolves to a file inside the repository, with
 * the heading its anchor names, and no project file reaches for the directory beside the checkout
 * that the first draft of the contract lived in. See {@link MarkdownLinks} for what counts as a
 * link and {@link ProjectFiles} for the files searched and the one exception (test and CI code
 * using the shared test vectors or the TUF conformance suite where they exist).
 */
class DocsLinkTest {
  private static final Path ROOT = TestData.root().getParent().toAbsolutePath().normalize();

  @Test
  void everyMarkdownLinkResolvesInsideTheRepository() {
    MarkdownLinks links = new MarkdownLinks(ROOT);
    List<Path> files = links.markdownFiles();
    assertTrue(files.contains(ROOT.resolve("README.md")), "README.md not found under " + ROOT);
    List<String> problems = links.problems(files);
    assertTrue(problems.isEmpty(), "broken links:\n" + String.join("\n", problems));
    assertTrue(files.contains(ROOT.resolve("docs/contract.md")), "docs/contract.md is missing");
  }

  @Test
  void readmeLinksTheContract() {
    assertTrue(
        MarkdownLinks.links(ROOT.resolve("README.md")).stream()
            .anyMatch(l -> l.target().equals("docs/contract.md")),
        "README.md must link docs/contract.md");
  }

  @Test
  void noProjectFileNeedsTheSharedDirectory() {
    List<Path> searched = ProjectFiles.searched(ROOT);
    for (String must : List.of("README.md", "pom.xml", "verifier", ".ci/run", "docs/json.md")) {
      assertTrue(searched.contains(ROOT.resolve(must)), must + " is not searched");
    }
    List<String> mentions = ProjectFiles.sharedMentions(ROOT, searched);
    assertTrue(
        mentions.isEmpty(),
        "files that need something outside the repository:\n" + String.join("\n", mentions));
  }

  // The checks themselves, on made-up repositories: each must be able to fail.

  @Test
  void aLinkOutOfTheRepositoryIsReported(@TempDir Path repo) throws IOException {
    String spec = ".." + "/shared/SPEC.md";
    Path readme =
        write(repo, "README.md", "The contract is\n[SPEC.md](" + spec + "); see [docs/](docs/).\n");
    Files.createDirectories(repo.resolve("docs"));
    List<String> problems = new MarkdownLinks(repo).problems(List.of(readme));
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(
        problems.get(0).startsWith("README.md:2: (" + spec + "): points outside"), problems.get(0));
  }

  @Test
  void missingFilesAnchorsAndAbsolutePathsAreReported(@TempDir Path repo) throws IOException {
    write(repo, "docs/formats.md", "# Formats\n\n## Key manifest\n\n### Other key kinds\n");
    write(repo, "docs/audit-report.png", "png");
    Path md =
        write(
            repo,
            "docs/guide.md",
            String.join(
                "\n",
                "# Guide",
                "[ok](formats.md#other-key-kinds) ![ok](audit-report.png) [ok](#guide)",
                "[gone](missing.md) ![gone](img/none.png)",
                "[bad anchor](formats.md#no-such-heading) [bad](#nowhere)",
                "[abs](/work/x.md) [file](file:///etc/passwd)",
                "[ref]: ../../outside.md",
                ""));
    List<String> problems = new MarkdownLinks(repo).problems(List.of(md));
    assertEquals(7, problems.size(), String.join("\n", problems));
    assertTrue(problems.get(0).startsWith("docs/guide.md:3: (missing.md): no such file"));
    assertTrue(problems.get(1).startsWith("docs/guide.md:3: (img/none.png): no such file"));
    assertTrue(problems.get(2).contains("no heading #no-such-heading in docs/formats.md"));
    assertTrue(problems.get(3).contains("(#nowhere): no heading #nowhere"));
    assertTrue(problems.get(4).startsWith("docs/guide.md:5: (/work/x.md): not a path relative"));
    assertTrue(problems.get(5).contains("(file:///etc/passwd): not a path relative"));
    assertTrue(problems.get(6).startsWith("docs/guide.md:6: (../../outside.md): points outside"));
  }

  @Test
  void webLinksAndCodeAreNotFollowed(@TempDir Path repo) throws IOException {
    Path md =
        write(
            repo,
            "README.md",
            String.join(
                "\n",
                "[dsse](https://github.com/secure-systems-lab/dsse) <https://example.org>",
                "[mail](mailto:security@example.org) `[not](a-link.md)`",
                "```sh",
                "echo [x](y.md)",
                "```",
                ""));
    assertEquals(List.of(), new MarkdownLinks(repo).problems(List.of(md)));
  }

  @Test
  void anchorsAreGitHubSlugs() {
    assertEquals("other-key-kinds", MarkdownLinks.slug("Other key kinds"));
    assertEquals(
        "verifier-hash---format-json", MarkdownLinks.slug("`verifier hash --format json`"));
    assertEquals(
        "signature-formats-verify-detects",
        MarkdownLinks.slug("Signature formats `verify` detects"));
    assertEquals("keys-scheme-x509-ca", MarkdownLinks.slug("Keys: scheme `x509-ca`"));
    assertEquals("start-up-2026-12-01", MarkdownLinks.slug("Start-up (2026-12-01)"));
  }

  @Test
  void aMentionOfTheSharedDirectoryIsReported(@TempDir Path repo) throws IOException {
    String outside = ".." + "/shared";
    String absolute = "/work" + "/shared";
    write(repo, "README.md", "See " + outside + "/SPEC.md.\n");
    write(repo, "pom.xml", "<dir>" + absolute + "/vectors</dir>\n");
    write(
        repo,
        ".ci/run",
        "#!/bin/sh\nls " + outside + "/tuf-conformance\ncat " + outside + "/SPEC.md\n");
    write(
        repo,
        "core/src/test/java/T.java",
        "// " + absolute + "/vectors/wycheproof, where present\n// copied from shared/vectors\n");
    write(repo, "testdata/x/make.sh", "cp " + outside + "/vectors/a .\n");
    write(repo, "testdata/x/fixture.txt", "../" + "shared is data here\n");
    List<String> mentions = ProjectFiles.sharedMentions(repo, ProjectFiles.searched(repo));
    assertEquals(
        List.of(
            ".ci/run:3: cat " + outside + "/SPEC.md",
            "README.md:1: See " + outside + "/SPEC.md.",
            "pom.xml:1: <dir>" + absolute + "/vectors</dir>"),
        mentions);
  }

  private static Path write(Path repo, String relative, String text) throws IOException {
    Path p = repo.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }
}
