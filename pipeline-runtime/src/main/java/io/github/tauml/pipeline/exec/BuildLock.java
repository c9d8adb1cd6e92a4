package io.github.tauml.pipeline.exec;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Keeps two builds of one project from running its stages at the same time, which would have them write the same
 * outputs: an operating-system lock on {@code target/adversarial/.lock}, held while a stage runs and released when
 * it ends (also when the JVM dies, as the operating system drops the lock). The file says who holds it, so that the
 * second build's message names the first (process, host, stage, start time).
 */
public final class BuildLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private BuildLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Thrown when another build holds the lock; the message names it. */
    public static final class HeldException extends Exception {
        public HeldException(String message) {
            super(message);
        }
    }

    /**
     * Takes the lock at {@code file} for {@code stage}, or fails at once when another build holds it.
     *
     * @throws HeldException another build is running a stage of this project
     */
    public static BuildLock acquire(Path file, String stage) throws IOException, HeldException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            String holder = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim();
            channel.close();
            throw new HeldException("another build of this project is running (" + (holder.isEmpty() ? "unknown"
                    : holder) + "); two builds at once would write the same outputs.\nFix: wait for it to finish,"
                    + " or stop it; the lock (" + file + ") is released as soon as that build's stage ends.");
        }
        String me = "process " + ManagementFactory.getRuntimeMXBean().getPid() + " on " + host() + ", stage "
                + stage + ", since " + Instant.now();
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(me.getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(false);
        return new BuildLock(channel, lock);
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "this host";
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
