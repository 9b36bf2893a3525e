package com.example.scanner;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Loads the bundled rules and reports every rule a sample matches. */
public final class RuleEngine {
  private final List<Rule> rules = new ArrayList<>();

  public RuleEngine() throws IOException {
    Properties p = new Properties();
    try (InputStream in = RuleEngine.class.getResourceAsStream("rules.properties")) {
      p.load(in);
    }
    for (String name : p.stringPropertyNames()) {
      rules.add(new Rule(name, p.getProperty(name)));
    }
  }

  public List<String> scan(String content) {
    List<String> hits = new ArrayList<>();
    for (Rule r : rules) {
      if (r.matches(content)) {
        hits.add(r.name());
      }
    }
    return hits;
  }
}
