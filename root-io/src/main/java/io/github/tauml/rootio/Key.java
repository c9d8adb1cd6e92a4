package io.github.tauml.rootio;

import io.github.tauml.rootio.io.RBuffer;

/**
 * A TKey: the header of one record in the file. {@code seekKey} is where the record starts; the object's bytes
 * (compressed or not) follow the {@code keylen}-byte header and take {@code nbytes - keylen} bytes.
 */
public record Key(int nbytes, int version, int objlen, int datime, int keylen, int cycle, long seekKey,
                  long seekPdir, String className, String name, String title) {

    public static Key read(RBuffer b) {
        int nbytes = b.i32();
        int version = b.i16();
        int objlen = b.i32();
        int datime = b.i32();
        int keylen = b.i16();
        int cycle = b.i16();
        long seekKey;
        long seekPdir;
        if (version > 1000) {
            seekKey = b.i64();
            seekPdir = b.i64();
        } else {
            seekKey = b.i32();
            seekPdir = b.i32();
        }
        String className = b.tstring();
        String name = b.tstring();
        String title = b.tstring();
        return new Key(nbytes, version, objlen, datime, keylen, cycle, seekKey, seekPdir, className, name, title);
    }

    /** Bytes the object occupies on disk after the key header. */
    public int storedBytes() {
        return nbytes - keylen;
    }

    public boolean isCompressed() {
        return objlen != storedBytes();
    }
}
