package org.opentransparency.verifier.signature;

import java.util.Collection;
import org.opentransparency.verifier.InvalidInputException;

/** The role asked for is not one the manifest defines: a bad argument, not a verdict. */
public final class UnknownRoleException extends InvalidInputException {
  private static final long serialVersionUID = 1L;

  public UnknownRoleException(String role, Collection<String> defined) {
    super(
        "role '"
            + role
            + "' is not defined by the manifest; it defines: "
            + String.join(", ", defined));
  }
}
