package org.opentransparency.verifier.tuf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.opentransparency.verifier.TestData;
import org.opentransparency.verifier.signature.SigningKey;

/**
 * testdata/tuf/repo: a small TUF repository for the command-line tests, written by {@link #write}
 * ({@code mvn -pl verifier-core test -Dtest=TufFixture -Dtuf.fixture.write=true}) with keys made on
 * the spot: consistent snapshots, root rotated once, one target "rules/rules.tar" delegated to the
 * role "rules" for "rules/*", everything valid for ten years after {@link TestData#AT}.
 */
class TufFixture {
  static final String TARGET = "rules/rules.tar";
  static final byte[] CONTENT = "demo rules\n".getBytes(StandardCharsets.UTF_8);

  @Test
  @EnabledIfSystemProperty(named = "tuf.fixture.write", matches = "true")
  void write() throws IOException {
    TufRepo repo = new TufRepo(Duration.ofDays(3650));
    SigningKey old = repo.signers.get("root").get(0);
    repo.rotate("root");
    repo.signers.get("root").add(old); // root v2 is signed by the old key and the new
    repo.publish("root");
    repo.delegate("targets", "rules", false, List.of("rules/*"), null);
    repo.addTarget("rules", TARGET, CONTENT);
    repo.publish("rules", false);
    repo.publishAll();
    Path out = TestData.root().resolve("tuf/repo");
    for (Map.Entry<String, byte[]> f : repo.files.entrySet()) {
      if (f.getKey().equals("targets/" + TARGET)) {
        continue; // only the hash-prefixed name, as a consistent-snapshot repository serves it
      }
      Path p = out.resolve(f.getKey());
      Files.createDirectories(p.getParent());
      Files.write(p, f.getValue());
    }
  }

  @Test
  void fixture_verifiesOfflineAndOverFileUrls(@TempDir Path dir) throws IOException {
    Path repo = TestData.path("tuf/repo");
    byte[] root = Files.readAllBytes(repo.resolve("metadata/1.root.json"));
    assertTrue(TufClient.init(dir, root, TestData.AT).isValid());

    TufResult r =
        TufClient.online(
                dir,
                repo.resolve("metadata").toUri(),
                repo.resolve("targets").toUri(),
                new FileTransport(),
                TestData.AT)
            .download(List.of(TARGET), dir.resolve("out"));

    assertTrue(r.isValid(), r.reasons().toString());
    assertEquals("demo rules\n", Files.readString(r.targets().get(0).file()));
  }
}
