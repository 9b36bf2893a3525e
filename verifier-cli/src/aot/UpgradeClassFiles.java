import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.classfile.ClassElement;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.lang.constant.ClassDesc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Copies a jar, rewriting every class file older than Java 6 (major version 50) as a Java 8 class
 * file with stack map frames, so that a JDK 25 AOT cache can hold it: the cache skips classes that
 * need the old type-inferring verifier, and a class it skips makes the cache's assembly fail when
 * objects archived with the classes refer to it. Only picocli was built for Java 5 in our jar, and
 * it is now compiled from its sources (verifier-cli/pom.xml): this stays for a dependency that may
 * come so built. The
 * bytecode is re-emitted instruction for instruction by the JDK's class-file API, which computes
 * the frames; nothing else in a class changes.
 *
 * <p>Run with a JDK of version 24 or later as a source-file program: {@code java
 * UpgradeClassFiles.java IN.jar OUT.jar}. It prints how many class files it rewrote.
 */
public final class UpgradeClassFiles {
  private static final int FIRST_WITH_FRAMES = ClassFile.JAVA_6_VERSION;

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: java UpgradeClassFiles.java IN.jar OUT.jar");
      System.exit(2);
    }
    Path in = Path.of(args[0]);
    Path out = Path.of(args[1]);
    Map<String, byte[]> classes = new HashMap<>();
    try (ZipFile zip = new ZipFile(in.toFile())) {
      for (ZipEntry e : java.util.Collections.list(zip.entries())) {
        if (e.getName().endsWith(".class")) {
          try (InputStream s = zip.getInputStream(e)) {
            classes.put(e.getName(), s.readAllBytes());
          }
        }
      }
      // Frames need the common supertype of two classes: the jar's own classes are resolved from
      // the jar, the JDK's from the running JDK.
      ClassHierarchyResolver fromJar =
          ClassHierarchyResolver.ofResourceParsing(
              (ClassDesc d) -> {
                byte[] b = classes.get(internalName(d) + ".class");
                return b == null ? null : new java.io.ByteArrayInputStream(b);
              });
      ClassFile cf =
          ClassFile.of(
              ClassFile.ClassHierarchyResolverOption.of(
                  fromJar.orElse(ClassHierarchyResolver.defaultResolver())));
      ClassTransform upgrade =
          ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL)
              .andThen(
                  (b, element) -> {
                    if (element instanceof ClassFileVersion) {
                      b.withVersion(ClassFile.JAVA_8_VERSION, 0);
                    } else {
                      b.with(element);
                    }
                  });
      Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
      int rewritten = 0;
      try (OutputStream os = Files.newOutputStream(tmp);
          ZipOutputStream zos = new ZipOutputStream(os)) {
        for (ZipEntry e : java.util.Collections.list(zip.entries())) {
          byte[] data;
          byte[] original = classes.get(e.getName());
          if (original != null && majorVersion(original) < FIRST_WITH_FRAMES) {
            ClassModel model = cf.parse(original);
            data = cf.transformClass(model, upgrade);
            rewritten++;
          } else if (original != null) {
            data = original;
          } else {
            try (InputStream s = zip.getInputStream(e)) {
              data = s.readAllBytes();
            }
          }
          ZipEntry copy = new ZipEntry(e.getName());
          copy.setTime(e.getTime());
          zos.putNextEntry(copy);
          zos.write(data);
          zos.closeEntry();
        }
      }
      Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      System.out.println(rewritten);
    }
  }

  private static int majorVersion(byte[] classFile) {
    return ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
  }

  private static String internalName(ClassDesc d) {
    String s = d.descriptorString();
    return s.substring(1, s.length() - 1);
  }
}
