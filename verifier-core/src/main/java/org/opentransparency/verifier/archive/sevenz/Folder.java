package org.opentransparency.verifier.archive.sevenz;

/**
 * A 7z folder: a graph of coders whose unbound input streams are packed streams and whose one
 * unbound output is the folder's data. Each coder has one output and {@code numIn} inputs; the
 * inputs of all coders are numbered in order, from 0.
 */
final class Folder {
  /** One coder: its method id, number of inputs, properties, and its first input's number. */
  static final class Coder {
    final long methodId;
    final int idLength;
    final int numIn;
    final int firstIn;
    final byte[] props;

    Coder(long methodId, int idLength, int numIn, int firstIn, byte[] props) {
      this.methodId = methodId;
      this.idLength = idLength;
      this.numIn = numIn;
      this.firstIn = firstIn;
      this.props = props;
    }
  }

  final Coder[] coders;

  /** Bond i: input {@code bondIn[i]} reads the output of coder {@code bondOut[i]}. */
  final int[] bondIn;

  final int[] bondOut;

  /** Packed stream i of the folder feeds input {@code packedIn[i]}. */
  final int[] packedIn;

  /** The index in the archive's pack streams of this folder's first packed stream. */
  final int firstPackStream;

  /** Each coder's output size. */
  long[] unpackSizes;

  /** The coder whose output is no other coder's input: the folder's data. */
  final int mainCoder;

  boolean crcDefined;
  int crc;

  Folder(
      Coder[] coders, int[] bondIn, int[] bondOut, int[] packedIn, int firstPackStream, int main) {
    this.coders = coders;
    this.bondIn = bondIn;
    this.bondOut = bondOut;
    this.packedIn = packedIn;
    this.firstPackStream = firstPackStream;
    this.mainCoder = main;
  }

  long unpackSize() {
    return unpackSizes[mainCoder];
  }

  /** The coder whose output feeds input {@code in}, or -1 when a packed stream does. */
  int boundCoder(int in) {
    for (int i = 0; i < bondIn.length; i++) {
      if (bondIn[i] == in) {
        return bondOut[i];
      }
    }
    return -1;
  }

  /** The folder's packed stream that feeds input {@code in}, or -1. */
  int packedStream(int in) {
    for (int i = 0; i < packedIn.length; i++) {
      if (packedIn[i] == in) {
        return i;
      }
    }
    return -1;
  }
}
