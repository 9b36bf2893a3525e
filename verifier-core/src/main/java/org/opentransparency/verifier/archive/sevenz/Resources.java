package org.opentransparency.verifier.archive.sevenz;

/**
 * What the decoders of one archive share: its name for messages, and the PPMd model's array, which
 * folder after folder reuses rather than allocating (and zeroing) its whole size again.
 */
final class Resources {
  final String archive;
  private byte[] ppmd;

  Resources(String archive) {
    this.archive = archive;
  }

  byte[] ppmdMemory(int size) {
    if (ppmd == null || ppmd.length < size) {
      ppmd = null; // the old array may be collected before the new one is made
      ppmd = new byte[size];
    }
    return ppmd;
  }
}
