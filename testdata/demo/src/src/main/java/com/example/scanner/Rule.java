package com.example.scanner;

/** One detection rule: a name and the byte pattern that triggers it. */
public record Rule(String name, String pattern) {
  boolean matches(String content) {
    return content.contains(pattern);
  }
}
