package io.github.tauml.rootio;

import io.github.tauml.rootio.compress.Codec;
import io.github.tauml.rootio.compress.CompressionException;
import io.github.tauml.rootio.hist.TH1;
import io.github.tauml.rootio.io.FileSource;
import io.github.tauml.rootio.io.RBuffer;
import io.github.tauml.rootio.streamer.ClassInfo;
import io.github.tauml.rootio.streamer.ObjectReader;
import io.github.tauml.rootio.streamer.RObject;
import io.github.tauml.rootio.streamer.StreamerException;
import io.github.tauml.rootio.streamer.StreamerRegistry;
import io.github.tauml.rootio.tree.TTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A ROOT file opened for reading. Opening reads the header, the top directory and the StreamerInfo; objects are
 * read on demand. Reading is safe from several threads.
 *
 * <pre>{@code
 * try (RootFile f = RootFile.open(path)) {
 *     TTree taus = f.tree("taus");
 *     Columns c = taus.read(List.of("tau_pt", "tau_eta"), 0, taus.entries());
 * }
 * }</pre>
 */
public final class RootFile implements AutoCloseable {
    private static final int SMALL_HEADER = 63;
    private static final int LARGE_FILE_VERSION = 1_000_000;

    private final FileSource source;
    private final int version;
    private final long end;
    private final int compress;
    private final Directory top;
    private final StreamerRegistry streamers = new StreamerRegistry();
    private Key streamerInfoKey;

    private RootFile(FileSource source) throws IOException {
        this.source = source;
        streamers.builtIn(io.github.tauml.rootio.write.CoreClassLayouts::of);
        Path path = source.path();
        if (source.size() < SMALL_HEADER) {
            throw RootIOException.of(path, null, "not a ROOT file: only " + source.size() + " bytes");
        }
        RBuffer h = new RBuffer(source.read(0, (int) Math.min(source.size(), 100)));
        byte[] magic = h.bytes(4);
        if (!"root".equals(new String(magic, StandardCharsets.ISO_8859_1))) {
            throw RootIOException.of(path, null, "not a ROOT file: it does not start with 'root'");
        }
        version = h.i32();
        int begin = h.i32();
        boolean large = version >= LARGE_FILE_VERSION;
        end = large ? h.i64() : h.i32();
        if (large) {
            h.i64();
        } else {
            h.i32();
        } // fSeekFree
        h.i32(); // fNbytesFree
        h.i32(); // nfree
        int nbytesName = h.i32();
        h.u8(); // fUnits
        compress = h.i32();
        long seekInfo = large ? h.i64() : h.i32();
        int nbytesInfo = h.i32();
        if (end > source.size()) {
            throw RootIOException.of(path, null, "truncated: the header says the file ends at byte " + end
                    + " but it has " + source.size() + " bytes");
        }
        try {
            if (begin < 0 || begin >= source.size() || nbytesName < 0 || nbytesName > source.size() - begin) {
                throw RootIOException.of(path, null, "corrupt header: top directory at byte " + begin + " with a "
                        + nbytesName + "-byte name record in a file of " + source.size() + " bytes");
            }
            RBuffer d = new RBuffer(record(begin, (int) Math.min(nbytesName + 80L, source.size() - begin),
                    "top directory"));
            d.position(nbytesName);
            top = new Directory(this, "", readDirectoryKeys(d, "top directory"));
            readStreamerInfo(seekInfo, nbytesInfo);
        } catch (RBuffer.BufferUnderrunException | StreamerException e) {
            throw RootIOException.of(path, "top directory", "corrupt", e);
        }
    }

    public static RootFile open(Path path) throws IOException {
        FileSource source = new FileSource(path);
        try {
            return new RootFile(source);
        } catch (IOException | RuntimeException e) {
            source.close();
            throw e;
        }
    }

    public Path path() {
        return source.path();
    }

    /** fVersion as ROOT writes it, e.g. 62004 for ROOT 6.20/04 (plus 1000000 for files with 64-bit seeks). */
    public int version() {
        return version;
    }

    /** The file's default compression setting, 100 * algorithm + level. */
    public int compressionSetting() {
        return compress;
    }

    public long size() {
        return source.size();
    }

    public Directory top() {
        return top;
    }

    /** The key of the StreamerInfo record, which the header points to and no directory lists. */
    public java.util.Optional<Key> streamerInfoKey() {
        return java.util.Optional.ofNullable(streamerInfoKey);
    }

    public StreamerRegistry streamers() {
        return streamers;
    }

    /** The key at a path such as "taus", "mt_inclusive/EMB" or "taus;2". */
    public Key key(String path) throws IOException {
        String[] parts = path.split("/");
        Directory d = top;
        for (int i = 0; i < parts.length - 1; i++) {
            if (!parts[i].isEmpty()) {
                d = d.subdirectory(parts[i]);
            }
        }
        return d.key(parts[parts.length - 1]);
    }

    public TTree tree(String path) throws IOException {
        Key k = key(path);
        if (!k.className().equals("TTree") && !k.className().equals("TNtuple") && !k.className().equals("TNtupleD")) {
            throw RootIOException.of(path(), "'" + path + "'", "is a " + k.className() + ", not a TTree");
        }
        RObject tree = readObject(k);
        try {
            return new TTree(this, path, tree);
        } catch (RuntimeException e) {
            // Members of the wrong type or missing: the object's bytes parsed, but not into a sane TTree.
            throw RootIOException.of(path(), "TTree '" + path + "'", "cannot understand the tree metadata", e);
        }
    }

    public TH1 histogram(String path) throws IOException {
        Key k = key(path);
        if (!k.className().startsWith("TH1")) {
            throw RootIOException.of(path(), "'" + path + "'", "is a " + k.className() + ", not a TH1");
        }
        RObject h = readObject(k);
        try {
            return TH1.of(path, h);
        } catch (RuntimeException e) {
            throw RootIOException.of(path(), k.className() + " '" + path + "'", "corrupt histogram", e);
        }
    }

    /** Reads and deserializes the object behind a key through the file's StreamerInfo. */
    public RObject readObject(Key key) throws IOException {
        byte[] data = payload(key);
        try {
            Object o = new ObjectReader(streamers).readClass(key.className(), new RBuffer(data, 0, data.length,
                    key.keylen()));
            if (!(o instanceof RObject r)) {
                throw RootIOException.of(path(), "'" + key.name() + "'", "is a " + key.className()
                        + ", which is not an object with members");
            }
            return r;
        } catch (StreamerException e) {
            // A class whose layout neither the file nor the built-in set has is named as such, not as corruption.
            boolean missing = e.getMessage() != null && e.getMessage().startsWith("no layout for");
            throw RootIOException.of(path(), key.className() + " '" + key.name() + "'", missing
                    ? "cannot read the object" : "corrupt object", e);
        } catch (RBuffer.BufferUnderrunException e) {
            throw RootIOException.of(path(), key.className() + " '" + key.name() + "'", "corrupt object", e);
        }
    }

    /** The decompressed bytes of a key's object. */
    public byte[] payload(Key key) throws IOException {
        byte[] stored = record(key.seekKey() + key.keylen(), key.storedBytes(), key.className() + " '" + key.name()
                + "'");
        try {
            return new Codec().decompress(stored, 0, stored.length, key.objlen());
        } catch (CompressionException e) {
            throw RootIOException.of(path(), key.className() + " '" + key.name() + "'", "cannot decompress", e);
        }
    }

    /** Raw bytes of a record; a range outside the file names what was being read. */
    public byte[] record(long seek, int len, String what) throws IOException {
        checkRecord(seek, len, what);
        return source.read(seek, len);
    }

    /**
     * Raw bytes of a record into {@code dst[0, len)}, for readers that reuse one buffer; a range outside the file
     * names what was being read.
     */
    public void record(long seek, int len, String what, byte[] dst) throws IOException {
        checkRecord(seek, len, what);
        if (len > dst.length) {
            throw new IllegalArgumentException("a " + len + "-byte record does not fit a " + dst.length
                    + "-byte buffer");
        }
        source.read(seek, dst, 0, len);
    }

    private void checkRecord(long seek, int len, String what) throws RootIOException {
        long available = source.size() - seek;
        if (seek < 0 || len < 0 || len > available) {
            throw RootIOException.of(path(), what, "record at byte " + seek + " of " + len
                    + " bytes lies beyond the end of the file (" + source.size() + " bytes): truncated or corrupt");
        }
    }

    Directory openDirectory(Key key, String path) throws IOException {
        byte[] data = payload(key);
        try {
            return new Directory(this, path, readDirectoryKeys(new RBuffer(data, 0, data.length, key.keylen()),
                    "directory '" + path + "'"));
        } catch (RBuffer.BufferUnderrunException e) {
            throw RootIOException.of(path(), "directory '" + path + "'", "corrupt", e);
        }
    }

    /** Reads a TDirectory record at the buffer's position, then the key list it points to. */
    private List<Key> readDirectoryKeys(RBuffer d, String what) throws IOException {
        int dirVersion = d.i16();
        d.i32(); // ctime
        d.i32(); // mtime
        int nbytesKeys = d.i32();
        d.i32(); // nbytesName
        long seekKeys;
        if (dirVersion > 1000) {
            d.i64();
            d.i64();
            seekKeys = d.i64();
        } else {
            d.i32();
            d.i32();
            seekKeys = d.i32();
        }
        if (seekKeys == 0) {
            return List.of();
        }
        RBuffer k = new RBuffer(record(seekKeys, nbytesKeys, what + " key list"));
        Key header = Key.read(k);
        k.position(header.keylen());
        int nkeys = k.i32();
        if (nkeys < 0 || nkeys > nbytesKeys / 18) {
            throw RootIOException.of(path(), what, "key list claims " + nkeys + " keys in " + nbytesKeys + " bytes");
        }
        List<Key> keys = new ArrayList<>(nkeys);
        for (int i = 0; i < nkeys; i++) {
            keys.add(Key.read(k));
        }
        return keys;
    }

    private void readStreamerInfo(long seekInfo, int nbytesInfo) throws IOException {
        if (seekInfo <= 0 || nbytesInfo <= 0) {
            return;
        }
        RBuffer kb = new RBuffer(record(seekInfo, nbytesInfo, "StreamerInfo"));
        Key key = Key.read(kb);
        streamerInfoKey = key;
        byte[] data = payload(key);
        Object list = new ObjectReader(streamers).readClass("TList", new RBuffer(data, 0, data.length, key.keylen()));
        for (Object o : (List<?>) list) {
            if (o instanceof ClassInfo ci) {
                streamers.add(ci);
            }
        }
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
