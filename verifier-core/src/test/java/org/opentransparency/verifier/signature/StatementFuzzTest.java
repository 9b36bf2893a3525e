package org.opentransparency.verifier.signature;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import org.opentransparency.verifier.dsse.Envelope;
import org.opentransparency.verifier.fuzz.FuzzSupport;

/**
 * DSSE envelopes and in-toto statements ({@link Envelope#parse}, {@link Statement#parse}), also the
 * payload of an envelope that parses. Invariant: only documented exceptions escape.
 */
class StatementFuzzTest {
  @FuzzTest
  void statement(byte[] data) {
    try {
      Envelope env = Envelope.parse(data, "envelope", FuzzSupport.LIMITS);
      env.pae();
      Statement.parse(env.payload(), FuzzSupport.LIMITS);
    } catch (IOException e) {
      FuzzSupport.expected(e);
    }
    try {
      Statement.parse(data, FuzzSupport.LIMITS);
    } catch (IOException e) {
      FuzzSupport.expected(e);
    }
  }
}
