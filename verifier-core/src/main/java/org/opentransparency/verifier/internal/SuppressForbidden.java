package org.opentransparency.verifier.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks the one place a call banned by config/forbidden-apis.txt is made on purpose. */
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.TYPE, ElementType.FIELD})
public @interface SuppressForbidden {
  /** Why the call is right here. */
  String reason();
}
