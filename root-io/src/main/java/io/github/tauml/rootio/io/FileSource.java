package io.github.tauml.rootio.io;

import io.github.tauml.rootio.RootIOException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Positional reads from a file; safe to use from several threads at once (FileChannel positional reads are). */
public final class FileSource implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private final long size;

    public FileSource(Path path) throws IOException {
        this.path = path;
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
        this.size = channel.size();
    }

    public Path path() {
        return path;
    }

    public long size() {
        return size;
    }

    /** Reads exactly {@code len} bytes at {@code pos}; a range past the end of the file is a truncated file. */
    public byte[] read(long pos, int len) throws IOException {
        byte[] out = new byte[Math.max(0, len)];
        read(pos, out, 0, len);
        return out;
    }

    /** Reads exactly {@code len} bytes at {@code pos} into {@code dst[off, off+len)}, in one positional read. */
    public void read(long pos, byte[] dst, int off, int len) throws IOException {
        if (pos < 0 || len < 0 || pos + len > size) {
            throw RootIOException.of(path, null, "bytes [" + pos + ", " + (pos + (long) len)
                    + ") lie beyond the end of the file (" + size + " bytes): truncated, or a record header is corrupt");
        }
        ByteBuffer bb = ByteBuffer.wrap(dst, off, len);
        long p = pos;
        while (bb.hasRemaining()) {
            int n = channel.read(bb, p);
            if (n < 0) {
                throw RootIOException.of(path, null, "unexpected end of file at byte " + p);
            }
            p += n;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
