package com.example.scanner;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code java -jar demo-app-1.0.jar FILE...}: prints the rules each file matches. */
public final class Main {
  public static void main(String[] args) throws Exception {
    RuleEngine engine = new RuleEngine();
    for (String a : args) {
      String content = Files.readString(Path.of(a), StandardCharsets.ISO_8859_1);
      System.out.println(a + ": " + engine.scan(content));
    }
  }
}
