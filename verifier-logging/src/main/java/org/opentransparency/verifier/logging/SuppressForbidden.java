package org.opentransparency.verifier.logging;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a call banned by config/forbidden-apis.txt made on purpose. This module depends on nothing
 * of ours, so it has its own copy of verifier-core's annotation; forbiddenapis takes any of that
 * name.
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
@interface SuppressForbidden {
  /** Why the call is right here. */
  String reason();
}
