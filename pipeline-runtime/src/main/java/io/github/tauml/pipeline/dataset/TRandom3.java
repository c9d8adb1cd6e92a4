package io.github.tauml.pipeline.dataset;

/**
 * ROOT's {@code TRandom3}: the Mersenne Twister MT19937 (Matsumoto and Nishimura) seeded as {@code TRandom3::SetSeed}
 * does (Knuth's initialiser, the same as {@code std::mt19937}'s), with {@code Rndm()} returning the tempered 32-bit
 * output times 2⁻³² and skipping zero, so that it lies in (0, 1). A default-constructed {@code TRandom3} has seed
 * 4357, which is what TauMLTools' {@code DatasetDrop} uses (reference §2.4): with that seed the keep decisions of
 * the event drop are the reference's. Not thread-safe.
 */
public final class TRandom3 implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    /** The seed of a default-constructed {@code TRandom3}. */
    public static final long DEFAULT_SEED = 4357;

    private static final int N = 624;
    private static final int M = 397;
    private final int[] mt = new int[N];
    private int index;

    /** A generator seeded as {@code TRandom3(seed)}; the seed's low 32 bits are used, and 0 is not allowed. */
    public TRandom3(long seed) {
        if ((seed & 0xFFFFFFFFL) == 0) {
            throw new IllegalArgumentException("TRandom3 seed 0 asks ROOT for a time-based seed, which is not "
                    + "reproducible; use any other seed (4357 is ROOT's default)");
        }
        mt[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        index = N;
    }

    private TRandom3(int[] mt, int index) {
        System.arraycopy(mt, 0, this.mt, 0, N);
        this.index = index;
    }

    /**
     * A generator at this one's position: both give the same numbers from here on. The event drop on Spark hands a
     * copy to the task that examines the entries starting here, so that the stream is the sequential one.
     */
    public TRandom3 copy() {
        return new TRandom3(mt, index);
    }

    /** The next tempered 32-bit output, as an unsigned value. */
    public long nextUnsigned32() {
        if (index >= N) {
            twist();
        }
        int y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y & 0xFFFFFFFFL;
    }

    /** {@code TRandom3::Rndm()}: uniform in (0, 1), never 0. */
    public double rndm() {
        long y;
        do {
            y = nextUnsigned32();
        } while (y == 0);
        return y * 2.3283064365386963e-10;
    }

    private void twist() {
        for (int i = 0; i < N; i++) {
            int y = (mt[i] & 0x80000000) | (mt[(i + 1) % N] & 0x7fffffff);
            int next = mt[(i + M) % N] ^ (y >>> 1);
            mt[i] = (y & 1) != 0 ? next ^ 0x9908b0df : next;
        }
        index = 0;
    }
}
