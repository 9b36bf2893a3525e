package org.opentransparency.verifier.cli;

import java.io.IOException;
import org.opentransparency.verifier.signature.KeyScheme;
import org.opentransparency.verifier.signature.SigningKey;
import picocli.CommandLine.Option;

/** {@code --key KEY [--passphrase-file F]}: the private key a command signs with. */
final class SigningKeyOptions {
  @Option(
      names = "--key",
      required = true,
      paramLabel = "KEY",
      description = "PKCS#8 private key PEM (as keygen writes).")
  String key;

  @Option(
      names = "--passphrase-file",
      paramLabel = "FILE",
      description = "Decrypt KEY with the first line of FILE.")
  String passphraseFile;

  /** The key, signing with {@code scheme} (null: the scheme the key implies). */
  SigningKey load(CliEnvironment env, KeyScheme scheme) throws IOException {
    return Inputs.signingKey(env, key, passphraseFile, scheme);
  }
}
