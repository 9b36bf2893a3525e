package org.opentransparency.verifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opentransparency.verifier.TestData;

/**
 * Hostile input on the command line (SPEC 3, 4): a limit or a damaged archive is exit 2 with one
 * line {@code verifier: error: ...} naming the limit's option; malformed evidence is exit 1.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HostileInputCommandTest {
  private static final Path OUT = TestData.path("attacks/out");

  @TempDir Path dir;

  private static CliRun run(String... args) {
    return CliRun.in(OUT, args);
  }

  @Test
  void compressionBomb() {
    assertEquals(
        new CliRun(
            2,
            "",
            "verifier: error: compare: bomb.xz: expands more than 1000 times its compressed size"
                + " (raise it with --max-ratio)\n"),
        run("compare", "bomb.xz", "bomb.xz"));
  }

  /**
   * Every bomb of testdata/attacks/make-bombs.sh: exit 2 and one line naming the limit and its
   * option, for a comparison and a content digest alike (a nested bomb stops the comparison only:
   * the content digest takes a nested archive as its bytes). Early, hence the short timeout.
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "compare | bomb-zip64.zip | zeros.bin: expands more than 1000 times its compressed size:"
            + " the central directory declares 16777216 bytes from 16310",
        "hash --content | bomb-zip64.zip | zeros.bin: expands more than 1000 times its compressed"
            + " size: the central directory declares 16777216 bytes from 16310",
        "hash --content | bomb-local-declared.zip | zeros.bin: expands more than 1000 times its"
            + " compressed size: its local header declares 16777216 bytes from 1024",
        "compare | bomb-nested-zip.zip | middle.zip!/inner.zip!/zeros.bin: expands more than 1000"
            + " times its compressed size: its local header declares 16777216 bytes from 16310",
        "compare | bomb-nested-descriptor.zip | inner.zip!/zeros.bin: expands more than 1000 times"
            + " its compressed size",
        "compare | bomb-tgz-in-zip.zip | rules.tar.gz: expands more than 1000 times its compressed"
            + " size",
        "compare | bomb.tar.gz | bomb.tar.gz: expands more than 1000 times its compressed size",
        "hash --content | bomb.tar.bz2 | bomb.tar.bz2: expands more than 1000 times its compressed"
            + " size",
        "hash --content | bomb.tar.xz | bomb.tar.xz: expands more than 1000 times its compressed"
            + " size",
        "hash --content | bomb.tar.zst | bomb.tar.zst: expands more than 1000 times its compressed"
            + " size",
        "hash --content | bomb.gz | bomb.gz: expands more than 1000 times its compressed size",
      })
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void bomb_exit2NamingTheRatioLimit(String command, String file, String message) {
    String[] args =
        command.equals("compare")
            ? new String[] {"compare", file, file}
            : new String[] {"hash", "--content", file};

    CliRun r = run(args);

    assertEquals(
        new CliRun(
            2,
            "",
            "verifier: error: " + args[0] + ": " + message + " (raise it with --max-ratio)\n"),
        r);
  }

  /** Raised, the limit lets the bomb be read: the refusal was the limit's, nothing else. */
  @Test
  void bomb_readWithTheRatioRaised() {
    CliRun r = run("hash", "--content", "--max-ratio", "2000", "bomb-zip64.zip");

    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().startsWith("h1:"), r.out());
  }

  /** A zip whose headers declare 1000 bytes before a bomb: no content digest, read no further. */
  @Test
  void sizeThatLies_noContentDigest() {
    assertEquals(
        new CliRun(
            2,
            "",
            "verifier: error: bomb-size-lie.zip: zeros.bin: the header claims 1000 bytes, the data"
                + " holds more (not read past byte 1001) (size-mismatch): no single content digest"
                + " exists\n"),
        run("hash", "--content", "bomb-size-lie.zip"));
  }

  @Test
  void overlappingZipEntries() {
    assertEquals(
        new CliRun(
            2,
            "",
            "verifier: error: hash: zip-overlap-bomb.zip: its entries together expand more than"
                + " 1000 times its size, at entry e010, by the sizes the headers declare (raise it"
                + " with --max-ratio)\n"),
        run("hash", "--content", "zip-overlap-bomb.zip"));
    // Raised, the limit lets the comparison report the overlap: different, exit 1.
    CliRun raised =
        run("compare", "--max-ratio", "100000", "zip-overlap-bomb.zip", "zip-overlap-bomb.zip");
    assertEquals(1, raised.exitCode());
    assertTrue(raised.out().startsWith("different: "), raised.out());
    assertTrue(raised.out().contains("overlapping-entries"), raised.out());
  }

  /**
   * A tar with a second one after its end-of-archive marker: compare --mode content, which passes
   * an equivalent pair, says different and why (exit 1); hash --content refuses it (exit 2).
   */
  @Test
  void tarWithMoreAfterItsEnd() {
    CliRun c = run("compare", "--mode", "content", "after-end-first.tar", "after-end.tar.gz");
    assertEquals(1, c.exitCode(), c.toString());
    assertTrue(c.out().startsWith("different: "), c.out());
    assertTrue(c.out().contains("unreferenced-bytes"), c.out());
    CliRun h = run("hash", "--content", "after-end.tar.gz");
    assertEquals(2, h.exitCode(), h.toString());
    assertTrue(h.err().contains("end-of-archive marker are not zero"), h.err());
    assertEquals(
        0,
        run("compare", "--mode", "content", "after-end-first.tar", "after-end-padding.tar")
            .exitCode());
  }

  /**
   * A zip that shows the JDK one central directory and Commons Compress another: the comparison
   * says different and why (exit 1), and no content digest is given for it (exit 2, one line).
   */
  @Test
  void twoCentralDirectories() {
    CliRun r = run("compare", "zip-dual-end-records.zip", "zip-dual-end-records.zip");
    assertEquals(1, r.exitCode(), r.err());
    assertTrue(r.out().startsWith("different: "), r.out());
    assertTrue(r.out().contains("zip-readers-disagree : left: the zip64 end record"), r.out());
    CliRun h = run("hash", "--content", "zip-dual-end-records.zip");
    assertEquals(2, h.exitCode());
    assertEquals("", h.out());
    assertTrue(
        h.err().startsWith("verifier: error: zip-dual-end-records.zip: the zip64 end record"),
        h.err());
    assertTrue(
        h.err().endsWith("(zip-readers-disagree): no single content digest exists\n"), h.err());
    assertEquals(1, h.err().lines().count());
  }

  @Test
  void nestedTooDeep() {
    CliRun r = run("compare", "nested20.gz", "nested20.gz");
    assertEquals(2, r.exitCode());
    assertTrue(
        r.err()
            .matches(
                "verifier: error: compare: nested20(!/nested20)+: archives nested deeper than 8"
                    + " \\(raise it with --max-depth\\)\n"),
        r.err());
  }

  @Test
  void tarHeaderTooLarge() {
    assertEquals(
        new CliRun(
            2,
            "",
            "verifier: error: compare: tar-gnu-longname-huge.tar: archive too damaged to read: a"
                + " GNU long-name header of 1073741824 bytes (more than 1048576: not a real name"
                + " or pax header)\n"),
        run("compare", "tar-gnu-longname-huge.tar", "tar-gnu-longname-huge.tar"));
  }

  /** The file named once: the reader's message began with its name, after the path given. */
  @Test
  void tarHeaderTooLarge_hashContent_namesTheFileOnce() {
    assertEquals(
        new CliRun(
            2,
            "",
            "verifier: error: tar-gnu-longname-huge.tar: archive too damaged to read: a GNU"
                + " long-name header of 1073741824 bytes (more than 1048576: not a real name or pax"
                + " header)\n"),
        run("hash", "--content", "tar-gnu-longname-huge.tar"));
  }

  @Test
  void oversizedSignature() throws IOException {
    Path sig = Files.write(dir.resolve("big.sig"), new byte[(1 << 20) + 1]);
    assertEquals(
        new CliRun(
            2,
            "",
            "verifier: error: verify: "
                + sig
                + " is larger than the limit of 1048576 bytes (raise it with"
                + " --max-signature-bytes)\n"),
        run(
            "verify",
            "--manifest",
            "manifest-valid.json",
            "--role",
            "software",
            "--signature",
            sig.toString(),
            "rules.tar.gz"));
  }

  @Test
  void oversizedManifest() throws IOException {
    Path m = Files.write(dir.resolve("m.json"), new byte[(16 << 20) + 1]);
    CliRun r = run("manifest", "verify", m.toString());
    assertEquals(2, r.exitCode());
    assertTrue(
        r.err().startsWith("verifier: error: manifest verify: ")
            && r.err().endsWith(" (raise it with --max-json-bytes)\n")
            && r.err().indexOf('\n') == r.err().length() - 1,
        r.err());
  }

  /** Malformed evidence is a "no" (exit 1) with its reason, not an error. */
  @Test
  void malformedEvidence() {
    assertEquals(
        new CliRun(
            1,
            "FAILED manifest: MANIFEST_INVALID: manifest: not valid JSON: starts with a byte order"
                + " mark\n",
            ""),
        run("manifest", "verify", "manifest-bom.json"));
    CliRun r =
        run(
            "verify",
            "--manifest",
            "manifest-valid.json",
            "--role",
            "software",
            "--signature",
            "sig-dsse-truncated.dsse",
            "rules.tar.gz");
    assertEquals(1, r.exitCode());
    assertTrue(r.out().startsWith("FAILED rules.tar.gz: MALFORMED_SIGNATURE: "), r.out());
  }
}
