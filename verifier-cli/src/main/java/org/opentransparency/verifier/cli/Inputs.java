package org.opentransparency.verifier.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.opentransparency.verifier.InvalidInputException;
import org.opentransparency.verifier.signature.KeyScheme;
import org.opentransparency.verifier.signature.SigningKey;

/** Reading what the user points the commands at: private keys and passphrase files. */
final class Inputs {
  /** Private keys and passphrase files are small; anything larger is not one. */
  private static final long MAX_KEY_FILE = 1 << 20;

  private Inputs() {}

  /** The first line of a passphrase file, without its line ending. */
  static char[] passphrase(CliEnvironment env, String file) throws IOException {
    if (file == null) {
      return null;
    }
    Path p = env.resolve(file);
    if (Files.size(p) > MAX_KEY_FILE) {
      throw new CliException(file + ": too large for a passphrase file");
    }
    String text = Files.readString(p, StandardCharsets.UTF_8);
    int nl = text.indexOf('\n');
    String line = nl < 0 ? text : text.substring(0, nl);
    if (line.endsWith("\r")) {
      line = line.substring(0, line.length() - 1);
    }
    if (line.isEmpty()) {
      throw new CliException(file + ": the passphrase file is empty");
    }
    return line.toCharArray();
  }

  /** A PKCS#8 private key file, decrypted with the passphrase file when given. */
  static SigningKey signingKey(
      CliEnvironment env, String keyFile, String passphraseFile, KeyScheme scheme)
      throws IOException {
    Path p = env.resolve(keyFile);
    if (Files.size(p) > MAX_KEY_FILE) {
      throw new CliException(keyFile + ": too large for a private key file");
    }
    try {
      return SigningKey.readPem(
          Files.readString(p, StandardCharsets.US_ASCII), passphrase(env, passphraseFile), scheme);
    } catch (InvalidInputException e) {
      throw new CliException(keyFile + ": " + e.getMessage());
    }
  }
}
