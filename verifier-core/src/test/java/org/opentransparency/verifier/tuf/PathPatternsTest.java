package org.opentransparency.verifier.tuf;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Path patterns match as Python's fnmatch does, one path segment at a time. */
class PathPatternsTest {
  @Test
  void star_matchesWithinOneSegmentOnly() {
    assertTrue(PathPatterns.matches("*", "file"));
    assertTrue(PathPatterns.matches("*.md", "README.md"));
    assertFalse(PathPatterns.matches("*.md", "docs/README.md"));
    assertTrue(PathPatterns.matches("releases/*/*", "releases/x/y"));
    assertFalse(PathPatterns.matches("releases/*", "releases/x/y"));
  }

  @Test
  void questionMark_matchesOneCharacter() {
    assertTrue(PathPatterns.matches("foo-?.tgz", "foo-1.tgz"));
    assertFalse(PathPatterns.matches("foo-?.tgz", "foo-alpha.tgz"));
  }

  @Test
  void matching_isCaseSensitiveAndLiteralOtherwise() {
    assertFalse(PathPatterns.matches("*.md", "README.MD"));
    assertFalse(PathPatterns.matches("a.b", "aXb"));
    assertTrue(PathPatterns.matches("a+(b)", "a+(b)"));
    assertTrue(PathPatterns.matches("x\\y", "x\\y"));
  }

  @Test
  void brackets_matchSetsAndNegatedSets() {
    assertTrue(PathPatterns.matches("v[0-9].txt", "v7.txt"));
    assertFalse(PathPatterns.matches("v[!0-9].txt", "v7.txt"));
    assertTrue(PathPatterns.matches("v[!0-9].txt", "vx.txt"));
    assertTrue(PathPatterns.matches("[", "["));
    assertTrue(PathPatterns.matches("a[.^]b", "a^b"));
  }
}
