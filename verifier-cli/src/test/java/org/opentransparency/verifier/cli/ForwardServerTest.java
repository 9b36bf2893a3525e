package org.opentransparency.verifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentransparency.verifier.TestData;

/** The forwarding protocol: argv, working directory and clock in; exit code, stdout, stderr out. */
class ForwardServerTest {
  private static byte[] request(Path cwd, Instant now, String... argv) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(b);
    out.writeInt(argv.length);
    for (String a : argv) {
      put(out, a);
    }
    put(out, cwd.toString());
    out.writeLong(now.toEpochMilli());
    return b.toByteArray();
  }

  private static void put(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String[] answer(byte[] request) throws IOException {
    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    ForwardServer.serve(new ByteArrayInputStream(request), answer);
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(answer.toByteArray()));
    String code = String.valueOf(in.readInt());
    String out = new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
    String err = new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
    return new String[] {code, out, err};
  }

  @Test
  void call_runsInTheCallersDirectoryAtTheCallersTime(@TempDir Path dir) throws IOException {
    String root = TestData.path("tuf/repo/metadata/1.root.json").toString();
    String[] init = answer(request(dir, TestData.AT, "tuf", "init", "--metadata-dir", "md", root));
    String md = TestData.path("tuf/repo/metadata").toString();

    String[] now =
        answer(
            request(
                dir, TestData.AT, "tuf", "refresh", "--metadata-dir", "md", "--metadata-url", md));
    String[] later =
        answer(
            request(
                dir,
                TestData.AT.plusSeconds(20L * 365 * 86400),
                "tuf",
                "refresh",
                "--metadata-dir",
                "md",
                "--metadata-url",
                md));

    assertEquals("0", init[0], init[2]);
    assertTrue(dir.resolve("md/root.json").toFile().isFile(), "relative to the caller's directory");
    assertEquals("0", now[0], now[1] + now[2]);
    assertEquals("1", later[0]);
    assertTrue(later[1].contains("TUF_EXPIRED"), later[1]);
  }

  @Test
  void badArguments_areExit2WithTheErrorOnStderr(@TempDir Path dir) throws IOException {
    String[] r = answer(request(dir, TestData.AT, "tuf", "refresh"));

    assertEquals("2", r[0]);
    assertTrue(r[2].startsWith("verifier: error: tuf refresh: "), r[2]);
  }

  /** The socket's directory must be this user's alone: 0700 passes, group or world access not. */
  @Test
  void aSocketDirectoryOthersCanReach_isRefused(@TempDir Path dir) throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
    Path mine = Files.createDirectory(dir.resolve("mine"));
    Files.setPosixFilePermissions(
        mine, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    ForwardServer.requirePrivate(mine);
    for (String shared : new String[] {"rwxr-x---", "rwx---rwx", "rwxrwxrwx"}) {
      Files.setPosixFilePermissions(
          mine, java.nio.file.attribute.PosixFilePermissions.fromString(shared));
      assertThrows(IOException.class, () -> ForwardServer.requirePrivate(mine), shared);
    }
  }

  @Test
  void malformedRequest_isRefused() {
    assertThrows(IOException.class, () -> answer(new byte[] {(byte) 0xff, 0, 0, 0}));
  }
}
