package io.github.tauml.rootio.write;

import io.github.tauml.rootio.Key;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** The fixed-layout pieces of a ROOT file: key headers, TDirectory and TFree records, the header, TDatime. */
final class Records {
    /** ROOT's TFile::kStartBigFile: past this position a file switches to 64-bit seeks. */
    static final long START_BIG_FILE = 2_000_000_000L;
    /** TKey version, and the offset ROOT adds to every version that uses 64-bit seeks. */
    static final int KEY_VERSION = 4;
    static final int LARGE = 1000;
    /** TDirectory version of ROOT 6.20. */
    static final int DIRECTORY_VERSION = 5;
    /** A TDirectory record is 60 bytes in both layouts: 64-bit seeks replace the 12 bytes of padding. */
    static final int DIRECTORY_BYTES = 60;
    /** Where the first record starts (fBEGIN). */
    static final int BEGIN = 100;
    /** fVersion: the layout mirrors ROOT 6.20/04; files with 64-bit seeks add one million. */
    static final int FILE_VERSION = 62004;
    static final int LARGE_FILE_VERSION = 1_000_000;
    private static final int FREE_VERSION = 1;

    private Records() {
    }

    static int tstringLength(String s) {
        int n = s.getBytes(StandardCharsets.ISO_8859_1).length;
        return n < 255 ? 1 + n : 5 + n;
    }

    /** Length of a key header: 26 bytes of numbers (34 with 64-bit seeks) and three strings. */
    static int keyLength(boolean large, String className, String name, String title) {
        return (large ? 34 : 26) + tstringLength(className) + tstringLength(name) + tstringLength(title);
    }

    static void writeKey(WBuffer b, Key k) {
        b.i32(k.nbytes()).i16(k.version()).i32(k.objlen()).i32(k.datime()).i16(k.keylen()).i16(k.cycle());
        if (k.version() > LARGE) {
            b.i64(k.seekKey()).i64(k.seekPdir());
        } else {
            b.i32((int) k.seekKey()).i32((int) k.seekPdir());
        }
        b.tstring(k.className()).tstring(k.name()).tstring(k.title());
    }

    static byte[] keyBytes(Key k) {
        WBuffer b = new WBuffer(0, k.keylen());
        writeKey(b, k);
        return b.toByteArray();
    }

    /**
     * A TDirectory record (TDirectoryFile::FillBuffer): version, creation and modification times, key list size,
     * header size, own, parent and key list positions, UUID, and 3 ints of padding in the 32-bit layout.
     */
    static void writeDirectory(WBuffer b, boolean large, int datime, int nbytesKeys, int nbytesName, long seekDir,
                               long seekParent, long seekKeys) {
        b.i16(large ? DIRECTORY_VERSION + LARGE : DIRECTORY_VERSION).i32(datime).i32(datime);
        b.i32(nbytesKeys).i32(nbytesName);
        if (large) {
            b.i64(seekDir).i64(seekParent).i64(seekKeys);
            uuid(b);
        } else {
            b.i32((int) seekDir).i32((int) seekParent).i32((int) seekKeys);
            uuid(b);
            b.i32(0).i32(0).i32(0);
        }
    }

    /**
     * The free-segments record (TFree) whose data starts at {@code dataStart}: one gap from the end of the file to
     * ROOT's 2 GB mark, which ROOT moves up 1 GB at a time as the file grows past it.
     */
    static byte[] freeSegments(long dataStart, boolean forceLarge) {
        boolean large = forceLarge || dataStart + 10 > START_BIG_FILE;
        long first = dataStart + (large ? 18 : 10);
        long last = START_BIG_FILE;
        while (last < first) {
            last += 1_000_000_000L;
        }
        WBuffer b = new WBuffer(0, 18);
        if (large) {
            b.i16(FREE_VERSION + LARGE).i64(first).i64(last);
        } else {
            b.i16(FREE_VERSION).i32((int) first).i32((int) last);
        }
        return b.toByteArray();
    }

    /**
     * The file header (TFile::WriteHeader): "root", version, fBEGIN, fEND, the free segments record, fNbytesName,
     * fUnits (4, or 8 with 64-bit seeks), fCompress, the StreamerInfo record and the UUID.
     */
    static byte[] header(boolean large, long end, Key free, Key info, int nbytesName, int compress) {
        WBuffer b = new WBuffer(0, BEGIN);
        b.bytes("root".getBytes(StandardCharsets.US_ASCII), 0, 4);
        b.i32(FILE_VERSION + (large ? LARGE_FILE_VERSION : 0)).i32(BEGIN);
        if (large) {
            b.i64(end).i64(free.seekKey()).i32(free.nbytes()).i32(1).i32(nbytesName).i8(8)
                    .i32(compress).i64(info.seekKey()).i32(info.nbytes());
        } else {
            b.i32((int) end).i32((int) free.seekKey()).i32(free.nbytes()).i32(1).i32(nbytesName).i8(4)
                    .i32(compress).i32((int) info.seekKey()).i32(info.nbytes());
        }
        uuid(b);
        return b.toByteArray();
    }

    /** A TUUID with version 1 and all-zero bytes, as ROOT writes in its reproducible mode: no host or time leaks. */
    static void uuid(WBuffer b) {
        b.i16(1);
        for (int i = 0; i < 4; i++) {
            b.i32(0);
        }
    }

    /**
     * TDatime's packed form, (year-1995)<<26 | month<<22 | day<<17 | hour<<12 | minute<<6 | second, in UTC (ROOT
     * uses local time; UTC keeps files identical across machines).
     */
    static int datime(Instant t) {
        ZonedDateTime z = t.atZone(ZoneOffset.UTC);
        if (z.getYear() < 1995 || z.getYear() > 1995 + 63) {
            throw new IllegalArgumentException("TDatime covers 1995..2058, not " + t);
        }
        return (z.getYear() - 1995) << 26 | z.getMonthValue() << 22 | z.getDayOfMonth() << 17 | z.getHour() << 12
                | z.getMinute() << 6 | z.getSecond();
    }
}
