package org.opentransparency.verifier.archive.sevenz;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Locale;

/**
 * Decodes 7z's PPMd: Dmitry Shkarin's PPMd variant H with the range coder of 7z (what 7-Zip calls
 * Ppmd7z). Written from the algorithm as 7-Zip's public-domain Ppmd7.c and Ppmd7Dec.c describe it.
 *
 * <p>The model lives in one byte array of the size the coder's properties give, laid out as in
 * 7-Zip, so that its behaviour (when it fills up and restarts) is the encoder's: raw text grows up
 * from the bottom, 12-byte units (contexts, and vectors of 6-byte symbol states) fill the top seven
 * eighths from both ends. References are offsets into the array; offset 0 means none.
 *
 * <p>Context (12 bytes): NumStats u16 @0, SummFreq u16 @2, Stats u32 @4, Suffix u32 @8; a context
 * of one symbol holds that symbol's state at @2 (symbol, freq, successor @4). State (6 bytes):
 * Symbol @0, Freq @1, Successor u32 @2. A free block: its list link u32 @0, then while the blocks
 * are glued a stamp u16 @0, its length in units u16 @2 and the next block u32 @4.
 */
final class PpmdInputStream extends BlockInputStream {
  static final int MIN_ORDER = 2;
  static final int MAX_ORDER = 64;
  static final long MIN_MEMORY = 1 << 11;
  static final long MAX_MEMORY_7ZIP = 0xFFFFFFFFL - 12 * 3;

  private static final int UNIT = 12;
  private static final int MAX_FREQ = 124;
  private static final int INT_BITS = 7;
  private static final int PERIOD_BITS = 7;
  private static final int BIN_SCALE = 1 << (INT_BITS + PERIOD_BITS);
  private static final int NUM_INDEXES = 4 + 4 + 4 + (128 + 3 - 1 * 4 - 2 * 4 - 3 * 4) / 4;
  private static final long TOP = 1 << 24;
  private static final int DUMMY_SEE = 25 * 16;

  private static final VarHandle U16 =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle U32 =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private static final int[] EXP_ESCAPE = {25, 14, 9, 7, 5, 5, 4, 4, 4, 3, 3, 3, 2, 2, 2, 2};
  private static final int[] INIT_BIN_ESC = {
    0x3CDD, 0x1F3F, 0x59BF, 0x48F3, 0x64A1, 0x5ABC, 0x6632, 0x6051
  };
  private static final int[] INDEX_TO_UNITS = new int[NUM_INDEXES];
  private static final int[] UNITS_TO_INDEX = new int[128];
  private static final int[] NS_TO_INDEX = new int[256];
  private static final int[] NS_TO_BS_INDEX = new int[256];

  static {
    for (int i = 0, k = 0; i < NUM_INDEXES; i++) {
      int step = i >= 12 ? 4 : (i >>> 2) + 1;
      do {
        UNITS_TO_INDEX[k++] = i;
      } while (--step != 0);
      INDEX_TO_UNITS[i] = k;
    }
    NS_TO_BS_INDEX[0] = 0;
    NS_TO_BS_INDEX[1] = 2;
    Arrays.fill(NS_TO_BS_INDEX, 2, 11, 4);
    Arrays.fill(NS_TO_BS_INDEX, 11, 256, 6);
    int i = 0;
    for (; i < 3; i++) {
      NS_TO_INDEX[i] = i;
    }
    for (int m = i, k = 1; i < 256; i++) {
      NS_TO_INDEX[i] = m;
      if (--k == 0) {
        k = ++m - 2;
      }
    }
  }

  // The model.
  private final byte[] m;
  private final int size;
  private final int alignOffset;
  private final int maxOrder;
  private int text;
  private int unitsStart;
  private int loUnit;
  private int hiUnit;
  private int glueCount;
  private final int[] freeList = new int[NUM_INDEXES];
  private int minContext;
  private int maxContext;
  private int foundState;
  private int orderFall;
  private int initEsc;
  private int prevSuccess;
  private int hiBitsFlag;
  private int runLength;
  private int initRl;
  private final int[] seeSumm = new int[25 * 16 + 1];
  private final int[] seeShift = new int[25 * 16 + 1];
  private final int[] seeCount = new int[25 * 16 + 1];
  private final int[] binSumm = new int[128 * 64];
  private final int[] successors = new int[MAX_ORDER];
  private final byte[] charMask = new byte[256];
  private int escFreq;

  // The range decoder, reading its input in blocks.
  private final InputStream in;
  private final byte[] inBuf = new byte[16 * 1024];
  private int inPos;
  private int inLim;
  private long range;
  private long code;

  private final long outSize;
  private long produced;

  /**
   * @param memory the model's array: at least {@link #arraySize(int)} bytes; its contents do not
   *     matter (it may be reused from another stream)
   */
  PpmdInputStream(InputStream in, int order, int memorySize, byte[] memory, long outSize)
      throws IOException {
    this.in = in;
    this.m = memory;
    this.size = memorySize;
    this.alignOffset = 4 - (memorySize & 3);
    this.maxOrder = order;
    this.outSize = outSize;
    restartModel();
    if (nextByte() != 0) {
      throw new IOException("PPMd data is damaged (its first byte is not 0)");
    }
    for (int i = 0; i < 4; i++) {
      code = (code << 8) | nextByte();
    }
    range = 0xFFFFFFFFL;
    if (code == 0xFFFFFFFFL) {
      throw new IOException("PPMd data is damaged (bad range coder start)");
    }
  }

  /** The array a model of {@code memorySize} bytes needs. */
  static int arraySize(int memorySize) {
    return 4 - (memorySize & 3) + memorySize;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (produced == outSize) {
      return -1;
    }
    int n = (int) Math.min(len, outSize - produced);
    for (int i = 0; i < n; i++) {
      int sym = decodeSymbol();
      if (sym < 0) {
        throw new IOException(
            sym == -1
                ? String.format(
                    Locale.ROOT,
                    "the PPMd data ends (end mark) after %d of its %d bytes",
                    produced + i,
                    outSize)
                : "PPMd data is damaged");
      }
      b[off + i] = (byte) sym;
    }
    produced += n;
    if (produced == outSize) {
      finish();
    }
    return n;
  }

  /**
   * 7-Zip's checks at the end of the data, where it fails (and so must this, or it would vouch for
   * data 7-Zip does not extract): the range coder ends at 0, or an end mark follows that leaves it
   * there; and the packed stream is read to its end, no byte left over.
   */
  private void finish() throws IOException {
    if (code != 0 && (decodeSymbol() != -1 || code != 0)) {
      throw new IOException("PPMd data is damaged (it does not end where its size says)");
    }
    if (inPos < inLim || in.read() >= 0) {
      throw new IOException("PPMd data is damaged (bytes follow its end)");
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  // ---- the range decoder

  private int nextByte() throws IOException {
    if (inPos == inLim) {
      int n = in.read(inBuf, 0, inBuf.length);
      if (n <= 0) {
        // The encoder flushes every byte the decoder reads: 7-Zip fails on any read past the
        // end (as data that ends early), so must this, or it would vouch for a stream 7-Zip
        // cannot extract.
        throw new IOException("the PPMd data is truncated");
      }
      inPos = 0;
      inLim = n;
    }
    return inBuf[inPos++] & 0xff;
  }

  private long threshold(long total) {
    range = range / total;
    return code / range;
  }

  private void decode(long start, long size) {
    code = (code - start * range) & 0xFFFFFFFFL;
    range = (range * size) & 0xFFFFFFFFL;
  }

  private void normalize() throws IOException {
    if (range < TOP) {
      code = ((code << 8) | nextByte()) & 0xFFFFFFFFL;
      range = (range << 8) & 0xFFFFFFFFL;
      if (range < TOP) {
        code = ((code << 8) | nextByte()) & 0xFFFFFFFFL;
        range = (range << 8) & 0xFFFFFFFFL;
      }
    }
  }

  // ---- memory access

  private int u16(int o) {
    return (short) U16.get(m, o) & 0xffff;
  }

  private void set16(int o, int v) {
    U16.set(m, o, (short) v);
  }

  private int u32(int o) {
    return (int) U32.get(m, o);
  }

  private void set32(int o, int v) {
    U32.set(m, o, v);
  }

  private int numStats(int ctx) {
    return u16(ctx);
  }

  private int summFreq(int ctx) {
    return u16(ctx + 2);
  }

  private int stats(int ctx) {
    return u32(ctx + 4);
  }

  private int suffix(int ctx) {
    return u32(ctx + 8);
  }

  private int symbol(int state) {
    return m[state] & 0xff;
  }

  private int freq(int state) {
    return m[state + 1] & 0xff;
  }

  private int successor(int state) {
    return u32(state + 2);
  }

  private void setSuccessor(int state, int v) {
    set32(state + 2, v);
  }

  private void copyState(int to, int from) {
    m[to] = m[from];
    m[to + 1] = m[from + 1];
    set32(to + 2, u32(from + 2));
  }

  private void swapStates(int a, int b) {
    byte s = m[a];
    byte f = m[a + 1];
    int succ = u32(a + 2);
    copyState(a, b);
    m[b] = s;
    m[b + 1] = f;
    set32(b + 2, succ);
  }

  // ---- the allocator

  private void insertNode(int node, int index) {
    set32(node, freeList[index]);
    freeList[index] = node;
  }

  private int removeNode(int index) {
    int node = freeList[index];
    freeList[index] = u32(node);
    return node;
  }

  private void splitBlock(int ptr, int oldIndex, int newIndex) {
    int nu = INDEX_TO_UNITS[oldIndex] - INDEX_TO_UNITS[newIndex];
    ptr += INDEX_TO_UNITS[newIndex] * UNIT;
    int i = UNITS_TO_INDEX[nu - 1];
    if (INDEX_TO_UNITS[i] != nu) {
      int k = INDEX_TO_UNITS[--i];
      insertNode(ptr + k * UNIT, nu - k - 1);
    }
    insertNode(ptr, i);
  }

  private void glueFreeBlocks() {
    glueCount = 255;
    if (loUnit != hiUnit) {
      set16(loUnit, 1); // a guard: the gap between LoUnit and HiUnit is not free for gluing
    }
    // One list of every free block, each stamped free (0) with its length.
    int n = 0;
    for (int i = 0; i < NUM_INDEXES; i++) {
      int nu = INDEX_TO_UNITS[i];
      int next = freeList[i];
      freeList[i] = 0;
      while (next != 0) {
        int node = next;
        next = u32(node);
        set16(node, 0);
        set16(node + 2, nu);
        set32(node + 4, n);
        n = node;
      }
    }
    int head = n;
    // Glue each block to the free blocks that follow it; a glued block's length becomes 0.
    int prevLink = -1; // -1: the head
    while (n != 0) {
      int node = n;
      int nu = u16(node + 2);
      n = u32(node + 4);
      if (nu == 0) {
        if (prevLink < 0) {
          head = n;
        } else {
          set32(prevLink, n);
        }
        continue;
      }
      prevLink = node + 4;
      for (; ; ) {
        int node2 = node + nu * UNIT;
        nu += u16(node2 + 2);
        if (u16(node2) != 0 || nu >= 0x10000) {
          break;
        }
        set16(node + 2, nu);
        set16(node2 + 2, 0);
      }
    }
    // Back into the lists, in the same order.
    for (n = head; n != 0; ) {
      int node = n;
      int nu = u16(node + 2);
      n = u32(node + 4);
      if (nu == 0) {
        continue;
      }
      for (; nu > 128; nu -= 128, node += 128 * UNIT) {
        insertNode(node, NUM_INDEXES - 1);
      }
      int i = UNITS_TO_INDEX[nu - 1];
      if (INDEX_TO_UNITS[i] != nu) {
        int k = INDEX_TO_UNITS[--i];
        insertNode(node + k * UNIT, nu - k - 1);
      }
      insertNode(node, i);
    }
  }

  private int allocUnitsRare(int index) {
    if (glueCount == 0) {
      glueFreeBlocks();
      if (freeList[index] != 0) {
        return removeNode(index);
      }
    }
    int i = index;
    do {
      if (++i == NUM_INDEXES) {
        int numBytes = INDEX_TO_UNITS[index] * UNIT;
        glueCount--;
        if (unitsStart - text > numBytes) {
          unitsStart -= numBytes;
          return unitsStart;
        }
        return 0;
      }
    } while (freeList[i] == 0);
    int block = removeNode(i);
    splitBlock(block, i, index);
    return block;
  }

  private int allocUnits(int index) {
    if (freeList[index] != 0) {
      return removeNode(index);
    }
    int numBytes = INDEX_TO_UNITS[index] * UNIT;
    int lo = loUnit;
    if (hiUnit - lo >= numBytes) {
      loUnit = lo + numBytes;
      return lo;
    }
    return allocUnitsRare(index);
  }

  // ---- the model

  private void restartModel() {
    Arrays.fill(freeList, 0);
    text = alignOffset;
    hiUnit = text + size;
    loUnit = unitsStart = hiUnit - size / 8 / UNIT * 7 * UNIT;
    glueCount = 0;
    orderFall = maxOrder;
    runLength = initRl = -Math.min(maxOrder, 12) - 1;
    prevSuccess = 0;

    hiUnit -= UNIT;
    int mc = hiUnit;
    int s = loUnit;
    loUnit += 256 / 2 * UNIT;
    maxContext = minContext = mc;
    foundState = s;
    set16(mc, 256);
    set16(mc + 2, 256 + 1);
    set32(mc + 4, s);
    set32(mc + 8, 0);
    for (int i = 0; i < 256; i++, s += 6) {
      m[s] = (byte) i;
      m[s + 1] = 1;
      set32(s + 2, 0);
    }
    for (int i = 0; i < 128; i++) {
      for (int k = 0; k < 8; k++) {
        int val = BIN_SCALE - INIT_BIN_ESC[k] / (i + 2);
        for (int j = 0; j < 64; j += 8) {
          binSumm[i * 64 + k + j] = val;
        }
      }
    }
    for (int i = 0; i < 25; i++) {
      int summ = (5 * i + 10) << (PERIOD_BITS - 4);
      for (int k = 0; k < 16; k++) {
        seeSumm[i * 16 + k] = summ;
        seeShift[i * 16 + k] = PERIOD_BITS - 4;
        seeCount[i * 16 + k] = 4;
      }
    }
    seeSumm[DUMMY_SEE] = 0;
    seeShift[DUMMY_SEE] = PERIOD_BITS;
    seeCount[DUMMY_SEE] = 64;
  }

  /**
   * Creates the contexts of the raw successor of the found state, from the lowest order up, and
   * links them in; 0 when memory runs out.
   */
  private int createSuccessors() {
    int c = minContext;
    int upBranch = successor(foundState);
    int numPs = 0;
    if (orderFall != 0) {
      successors[numPs++] = foundState;
    }
    int fsSymbol = symbol(foundState);
    while (suffix(c) != 0) {
      c = suffix(c);
      int s;
      if (numStats(c) != 1) {
        for (s = stats(c); symbol(s) != fsSymbol; s += 6) {
          // the suffix context holds every symbol of its children
        }
      } else {
        s = c + 2;
      }
      int succ = successor(s);
      if (succ != upBranch) {
        c = succ;
        if (numPs == 0) {
          return c;
        }
        break;
      }
      successors[numPs++] = s;
    }
    int newSym = m[upBranch] & 0xff;
    upBranch++;
    int newFreq;
    if (numStats(c) == 1) {
      newFreq = freq(c + 2);
    } else {
      int s;
      for (s = stats(c); symbol(s) != newSym; s += 6) {
        // as above
      }
      int cf = freq(s) - 1;
      int s0 = summFreq(c) - numStats(c) - cf;
      newFreq = 1 + ((2 * cf <= s0) ? (5 * cf > s0 ? 1 : 0) : (2 * cf + s0 - 1) / (2 * s0) + 1);
    }
    do {
      int c1;
      if (hiUnit != loUnit) {
        c1 = hiUnit -= UNIT;
      } else if (freeList[0] != 0) {
        c1 = removeNode(0);
      } else {
        c1 = allocUnitsRare(0);
        if (c1 == 0) {
          return 0;
        }
      }
      set16(c1, 1);
      m[c1 + 2] = (byte) newSym;
      m[c1 + 3] = (byte) newFreq;
      set32(c1 + 4, upBranch);
      set32(c1 + 8, c);
      setSuccessor(successors[--numPs], c1);
      c = c1;
    } while (numPs != 0);
    return c;
  }

  private void updateModel() {
    int fs = foundState;
    int fsSymbol = symbol(fs);
    int fsFreq = freq(fs);
    if (fsFreq < MAX_FREQ / 4 && suffix(minContext) != 0) {
      int c = suffix(minContext);
      if (numStats(c) == 1) {
        int s = c + 2;
        if (freq(s) < 32) {
          m[s + 1]++;
        }
      } else {
        int s = stats(c);
        if (symbol(s) != fsSymbol) {
          do {
            s += 6;
          } while (symbol(s) != fsSymbol);
          if (freq(s) >= freq(s - 6)) {
            swapStates(s, s - 6);
            s -= 6;
          }
        }
        if (freq(s) < MAX_FREQ - 9) {
          m[s + 1] += 2;
          set16(c + 2, summFreq(c) + 2);
        }
      }
    }

    if (orderFall == 0) {
      minContext = maxContext = createSuccessors();
      if (minContext == 0) {
        restartModel();
        return;
      }
      setSuccessor(foundState, minContext);
      return;
    }

    m[text++] = (byte) fsSymbol;
    if (text >= unitsStart) {
      restartModel();
      return;
    }
    int maxSuccessor = text;
    int minSuccessor = successor(foundState);
    if (minSuccessor != 0) {
      if (minSuccessor <= maxSuccessor) {
        int cs = createSuccessors();
        if (cs == 0) {
          restartModel();
          return;
        }
        minSuccessor = cs;
      }
      if (--orderFall == 0) {
        maxSuccessor = minSuccessor;
        if (maxContext != minContext) {
          text--;
        }
      }
    } else {
      setSuccessor(foundState, maxSuccessor);
      minSuccessor = minContext;
    }

    int mc = minContext;
    int c = maxContext;
    maxContext = minContext = minSuccessor;
    if (c == mc) {
      return;
    }
    int ns = numStats(mc);
    int s0 = summFreq(mc) - ns - (freq(foundState) - 1);
    do {
      int ns1 = numStats(c);
      int sum;
      if (ns1 != 1) {
        if ((ns1 & 1) == 0) {
          int oldNu = ns1 >>> 1;
          int i = UNITS_TO_INDEX[oldNu - 1];
          if (i != UNITS_TO_INDEX[oldNu]) {
            int ptr = allocUnits(i + 1);
            if (ptr == 0) {
              restartModel();
              return;
            }
            int oldPtr = stats(c);
            System.arraycopy(m, oldPtr, m, ptr, oldNu * UNIT);
            insertNode(oldPtr, i);
            set32(c + 4, ptr);
          }
        }
        sum = summFreq(c);
        sum += (2 * ns1 < ns ? 1 : 0) + 2 * ((4 * ns1 <= ns ? 1 : 0) & (sum <= 8 * ns1 ? 1 : 0));
      } else {
        int s = allocUnits(0);
        if (s == 0) {
          restartModel();
          return;
        }
        int freq = m[c + 3] & 0xff;
        m[s] = m[c + 2];
        set32(s + 2, u32(c + 4));
        set32(c + 4, s);
        freq = freq < MAX_FREQ / 4 - 1 ? freq << 1 : MAX_FREQ - 4;
        m[s + 1] = (byte) freq;
        sum = freq + initEsc + (ns > 3 ? 1 : 0);
      }
      int s = stats(c) + ns1 * 6;
      int cf = 2 * (sum + 6) * freq(foundState);
      int sf = s0 + sum;
      m[s] = (byte) fsSymbol;
      set16(c, ns1 + 1);
      setSuccessor(s, maxSuccessor);
      if (cf < 6 * sf) {
        cf = 1 + (cf > sf ? 1 : 0) + (cf >= 4 * sf ? 1 : 0);
        sum += 3;
      } else {
        cf = 4 + (cf >= 9 * sf ? 1 : 0) + (cf >= 12 * sf ? 1 : 0) + (cf >= 15 * sf ? 1 : 0);
        sum += cf;
      }
      set16(c + 2, sum);
      m[s + 1] = (byte) cf;
      c = suffix(c);
    } while (c != mc);
  }

  private void rescale() {
    int mc = minContext;
    int stats = stats(mc);
    int s = foundState;
    if (s != stats) {
      // The found state moves to the front.
      byte sym = m[s];
      byte fr = m[s + 1];
      int succ = u32(s + 2);
      do {
        copyState(s, s - 6);
        s -= 6;
      } while (s != stats);
      m[s] = sym;
      m[s + 1] = fr;
      set32(s + 2, succ);
    }
    int sumFreq = freq(s);
    int esc = summFreq(mc) - sumFreq;
    int adder = orderFall != 0 ? 1 : 0;
    sumFreq = (sumFreq + 4 + adder) >> 1;
    int i = numStats(mc) - 1;
    m[s + 1] = (byte) sumFreq;
    do {
      s += 6;
      int freq = freq(s);
      esc -= freq;
      freq = (freq + adder) >> 1;
      sumFreq += freq;
      m[s + 1] = (byte) freq;
      if (freq > freq(s - 6)) {
        byte sym = m[s];
        int succ = u32(s + 2);
        int s1 = s;
        do {
          copyState(s1, s1 - 6);
          s1 -= 6;
        } while (s1 != stats && freq > freq(s1 - 6));
        m[s1] = sym;
        m[s1 + 1] = (byte) freq;
        set32(s1 + 2, succ);
      }
    } while (--i != 0);

    if (freq(s) == 0) {
      // Symbols whose frequency fell to 0 are removed.
      i = 0;
      do {
        i++;
        s -= 6;
      } while (freq(s) == 0);
      esc += i;
      int ns = numStats(mc);
      int nsNew = ns - i;
      set16(mc, nsNew);
      int n0 = (ns + 1) >> 1;
      if (nsNew == 1) {
        int freq = freq(stats);
        do {
          esc >>= 1;
          freq = (freq + 1) >> 1;
        } while (esc > 1);
        int one = mc + 2;
        copyState(one, stats);
        m[one + 1] = (byte) freq;
        foundState = one;
        insertNode(stats, UNITS_TO_INDEX[n0 - 1]);
        return;
      }
      int n1 = (nsNew + 1) >> 1;
      if (n0 != n1) {
        int i0 = UNITS_TO_INDEX[n0 - 1];
        int i1 = UNITS_TO_INDEX[n1 - 1];
        if (i0 != i1) {
          if (freeList[i1] != 0) {
            int ptr = removeNode(i1);
            set32(mc + 4, ptr);
            System.arraycopy(m, stats, m, ptr, n1 * UNIT);
            insertNode(stats, i0);
          } else {
            splitBlock(stats, i0, i1);
          }
        }
      }
    }
    set16(mc + 2, sumFreq + esc - (esc >> 1));
    foundState = stats(mc);
  }

  /** The SEE context for an escape from a masked context; sets {@link #escFreq}. */
  private int makeEscFreq(int numMasked) {
    int mc = minContext;
    int ns = numStats(mc);
    if (ns == 256) {
      escFreq = 1;
      return DUMMY_SEE;
    }
    int nonMasked = ns - numMasked;
    int see =
        NS_TO_INDEX[nonMasked - 1] * 16
            + (Integer.compareUnsigned(nonMasked, numStats(suffix(mc)) - ns) < 0 ? 1 : 0)
            + 2 * (summFreq(mc) < 11 * ns ? 1 : 0)
            + 4 * (numMasked > nonMasked ? 1 : 0)
            + hiBitsFlag;
    int summ = seeSumm[see] & 0xffff;
    int r = summ >>> seeShift[see];
    seeSumm[see] = (summ - r) & 0xffff;
    escFreq = r + (r == 0 ? 1 : 0);
    return see;
  }

  private void seeUpdate(int see) {
    if (seeShift[see] < PERIOD_BITS && --seeCount[see] == 0) {
      seeSumm[see] = (seeSumm[see] << 1) & 0xffff;
      seeCount[see] = (3 << seeShift[see]++) & 0xff;
    }
  }

  private void nextContext() {
    int c = successor(foundState);
    if (orderFall == 0 && c > text) {
      maxContext = minContext = c;
    } else {
      updateModel();
    }
  }

  private void update1() {
    int s = foundState;
    int freq = freq(s) + 4;
    set16(minContext + 2, summFreq(minContext) + 4);
    m[s + 1] = (byte) freq;
    if (freq > freq(s - 6)) {
      swapStates(s, s - 6);
      foundState = s -= 6;
      if (freq > MAX_FREQ) {
        rescale();
      }
    }
    nextContext();
  }

  private void update1First() {
    int s = foundState;
    int mc = minContext;
    int freq = freq(s);
    int summ = summFreq(mc);
    prevSuccess = 2 * freq > summ ? 1 : 0;
    runLength += prevSuccess;
    set16(mc + 2, summ + 4);
    freq += 4;
    m[s + 1] = (byte) freq;
    if (freq > MAX_FREQ) {
      rescale();
    }
    nextContext();
  }

  private void update2() {
    int s = foundState;
    int freq = freq(s) + 4;
    runLength = initRl;
    set16(minContext + 2, summFreq(minContext) + 4);
    m[s + 1] = (byte) freq;
    if (freq > MAX_FREQ) {
      rescale();
    }
    updateModel();
  }

  private static int hiBits3(int sym) {
    return ((sym + 0xC0) >>> (8 - 3)) & (1 << 3);
  }

  private static int hiBits4(int sym) {
    return ((sym + 0xC0) >>> (8 - 4)) & (1 << 4);
  }

  /** The next symbol; -1 at an end mark, -2 for damaged data. */
  int decodeSymbol() throws IOException {
    int mc = minContext;
    if (numStats(mc) != 1) {
      int s = stats(mc);
      int summ = summFreq(mc);
      long count = threshold(summ);
      long hiCnt = count;
      int f = freq(s);
      if ((count -= f) < 0) {
        decode(0, f);
        normalize();
        foundState = s;
        int sym = symbol(s);
        update1First();
        return sym;
      }
      prevSuccess = 0;
      int i = numStats(mc) - 1;
      do {
        s += 6;
        f = freq(s);
        if ((count -= f) < 0) {
          decode((hiCnt - count) - f, f);
          normalize();
          foundState = s;
          int sym = symbol(s);
          update1();
          return sym;
        }
      } while (--i != 0);
      if (hiCnt >= summ) {
        return -2;
      }
      hiCnt -= count;
      decode(hiCnt, summ - hiCnt);
      hiBitsFlag = hiBits3(symbol(foundState));
      Arrays.fill(charMask, (byte) -1);
      for (int k = 0, st = stats(mc), n = numStats(mc); k < n; k++, st += 6) {
        charMask[symbol(st)] = 0;
      }
    } else {
      int s = mc + 2;
      int sym0 = symbol(s);
      hiBitsFlag = hiBits3(symbol(foundState));
      int index =
          (freq(s) - 1) * 64
              + prevSuccess
              + ((runLength >> 26) & 0x20)
              + NS_TO_BS_INDEX[numStats(suffix(mc)) - 1]
              + hiBits4(sym0)
              + hiBitsFlag;
      int pr = binSumm[index];
      long size0 = (range >>> 14) * pr;
      pr = pr - ((pr + (1 << (PERIOD_BITS - 2))) >> PERIOD_BITS);
      if (code < size0) {
        binSumm[index] = pr + (1 << INT_BITS);
        range = size0;
        if (range < TOP) {
          code = ((code << 8) | nextByte()) & 0xFFFFFFFFL;
          range = (range << 8) & 0xFFFFFFFFL;
        }
        int freq = freq(s);
        int c = successor(s);
        foundState = s;
        prevSuccess = 1;
        runLength++;
        m[s + 1] = (byte) (freq + (freq < 128 ? 1 : 0));
        if (orderFall == 0 && c > text) {
          maxContext = minContext = c;
        } else {
          updateModel();
        }
        return sym0;
      }
      binSumm[index] = pr;
      initEsc = EXP_ESCAPE[pr >>> 10];
      code -= size0;
      range -= size0;
      Arrays.fill(charMask, (byte) -1);
      charMask[sym0] = 0;
      prevSuccess = 0;
    }
    for (; ; ) {
      normalize();
      mc = minContext;
      int numMasked = numStats(mc);
      do {
        orderFall++;
        int suf = suffix(mc);
        if (suf == 0) {
          return -1;
        }
        mc = suf;
      } while (numStats(mc) == numMasked);
      int s = stats(mc);
      int n = numStats(mc);
      long hiCnt = 0;
      for (int k = 0, st = s; k < n; k++, st += 6) {
        hiCnt += freq(st) & charMask[symbol(st)];
      }
      minContext = mc;
      int see = makeEscFreq(numMasked);
      long freqSum = escFreq + hiCnt;
      long count = threshold(freqSum);
      if (count < hiCnt) {
        hiCnt = count;
        for (; ; ) {
          count -= freq(s) & charMask[symbol(s)];
          s += 6;
          if (count < 0) {
            break;
          }
        }
        s -= 6;
        decode((hiCnt - count) - freq(s), freq(s));
        normalize();
        seeUpdate(see);
        foundState = s;
        int sym = symbol(s);
        update2();
        return sym;
      }
      if (count >= freqSum) {
        return -2;
      }
      decode(hiCnt, freqSum - hiCnt);
      seeSumm[see] = (int) ((seeSumm[see] + freqSum) & 0xffff);
      for (int k = 0, st = s; k < n; k++, st += 6) {
        charMask[symbol(st)] = 0;
      }
    }
  }
}
