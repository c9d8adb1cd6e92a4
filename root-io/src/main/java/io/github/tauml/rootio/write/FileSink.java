package io.github.tauml.rootio.write;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The file being written: records are appended at the end; headers are patched in place when the file closes. */
final class FileSink implements AutoCloseable {
    private final FileChannel channel;
    private long end;

    FileSink(Path path) throws IOException {
        channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    long end() {
        return end;
    }

    /** Writes the parts one after the other at the end of the file; returns where the first one starts. */
    long append(byte[]... parts) throws IOException {
        long start = end;
        ByteBuffer[] buffers = new ByteBuffer[parts.length];
        long total = 0;
        for (int i = 0; i < parts.length; i++) {
            buffers[i] = ByteBuffer.wrap(parts[i]);
            total += parts[i].length;
        }
        channel.position(start);
        long written = 0;
        while (written < total) {
            written += channel.write(buffers);
        }
        end = start + total;
        return start;
    }

    void writeAt(long position, byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            channel.write(b, position + b.position());
        }
    }

    /** Flushes the file to the storage device, so that the rename that publishes it cannot overtake the data. */
    void sync() throws IOException {
        channel.force(true);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
