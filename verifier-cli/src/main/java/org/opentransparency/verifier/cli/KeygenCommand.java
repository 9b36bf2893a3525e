package org.opentransparency.verifier.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.opentransparency.verifier.internal.AtomicFiles;
import org.opentransparency.verifier.report.SimpleJson;
import org.opentransparency.verifier.signature.SigningKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.TypeConversionException;

/** {@code verifier keygen}: a new signing key pair. */
@Command(
    name = "keygen",
    mixinStandardHelpOptions = true,
    description = {
      "Makes a signing key pair and prints its key id.",
      "",
      "Writes NAME.key (PKCS#8 PEM, mode 0600, encrypted with the",
      "passphrase file's first line when given) and NAME.pub (SubjectPublicKeyInfo PEM).",
      "Prints the key id: the lowercase hex SHA-256 of the public key's DER."
    })
final class KeygenCommand implements Callable<Integer> {
  @ParentCommand VerifierCommand root;

  @Mixin CommonOptions common;

  @Option(
      names = "--scheme",
      required = true,
      paramLabel = "SCHEME",
      converter = KindConverter.class,
      description = "ed25519, ecdsa-p256, ecdsa-p384, rsa-pss-3072 or rsa-pss-4096.")
  SigningKey.Kind kind;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "NAME",
      description = "Write NAME.key and NAME.pub; existing files are not overwritten.")
  String out;

  @Option(
      names = "--passphrase-file",
      paramLabel = "FILE",
      description = "Encrypt the private key with the first line of FILE.")
  String passphraseFile;

  @Override
  public Integer call() throws IOException {
    CliEnvironment env = root.env;
    Format format = common.format();
    char[] passphrase = Inputs.passphrase(env, passphraseFile);
    SecureRandom random = new SecureRandom();
    SigningKey key = SigningKey.generate(kind, random);
    Path priv = env.resolve(out + ".key");
    Path pub = env.resolve(out + ".pub");
    if (priv.toFile().exists() || pub.toFile().exists()) {
      throw new CliException(
          "keygen: "
              + (priv.toFile().exists() ? out + ".key" : out + ".pub")
              + " exists; not overwriting a key");
    }
    String privatePem = key.privatePem(passphrase, random);
    if (passphrase != null) {
      Arrays.fill(passphrase, '\0');
    }
    AtomicFiles.write(
        priv,
        privatePem.getBytes(StandardCharsets.US_ASCII),
        PosixFilePermissions.fromString("rw-------"),
        /* replace= */ false);
    AtomicFiles.write(pub, key.publicPem().getBytes(StandardCharsets.US_ASCII), null, false);
    try (OutputStream sink = common.open(env);
        PrintStream o = new ReportStream(sink, false)) {
      if (format == Format.json) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("keyId", key.publicKey().keyId());
        fields.put("scheme", key.scheme().id());
        fields.put("privateKey", out + ".key");
        fields.put("publicKey", out + ".pub");
        o.flush();
        SimpleJson.write(fields, sink);
      } else {
        o.println(key.publicKey().keyId());
      }
    }
    return ExitCodes.OK;
  }

  static final class KindConverter implements ITypeConverter<SigningKey.Kind> {
    @Override
    public SigningKey.Kind convert(String value) {
      for (SigningKey.Kind k : SigningKey.Kind.values()) {
        if (k.id().equals(value)) {
          return k;
        }
      }
      throw new TypeConversionException(
          "unknown scheme '"
              + value
              + "'; known: ed25519, ecdsa-p256, ecdsa-p384, rsa-pss-3072, rsa-pss-4096");
    }
  }
}
