package io.github.tauml.pipeline.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.tauml.pipeline.exec.AtomicFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A training checkpoint: every variable of the training graph (weights, BatchNorm statistics, optimizer state) and
 * the loop state ({@link State}), in one file written atomically, so a killed build resumes from the last complete
 * checkpoint. Layout: magic {@code TAUMLCKPT1}, a length-prefixed JSON header, then per variable its name, length
 * and big-endian floats.
 */
public final class Checkpoint {
    private static final String MAGIC = "TAUMLCKPT1";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Where the loop stands.
     *
     * @param fingerprint   the settings the run was started with; a checkpoint of other settings is not resumed
     * @param step          optimisation steps done
     * @param epoch         the epoch in progress (or next)
     * @param stepInEpoch   steps done in that epoch
     * @param bestValLoss   best validation loss so far (early stopping)
     * @param badEpochs     epochs since the best validation loss
     * @param stepMetrics   per step: {@link TrainingGraph#STEP_METRICS} values, as recorded
     * @param epochMetrics  per finished epoch: metric name → value
     */
    public record State(String fingerprint, long step, int epoch, int stepInEpoch, double bestValLoss, int badEpochs,
                        java.util.List<float[]> stepMetrics, java.util.List<Map<String, Double>> epochMetrics) {
    }

    private Checkpoint() {
    }

    /** Writes {@code state} and {@code vars} to {@code file} atomically. */
    public static void write(Path file, State state, Map<String, float[]> vars) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC.getBytes(StandardCharsets.US_ASCII));
            byte[] header = JSON.writeValueAsBytes(state);
            out.writeInt(header.length);
            out.write(header);
            out.writeInt(vars.size());
            for (var e : vars.entrySet()) {
                out.writeUTF(e.getKey());
                float[] a = e.getValue();
                out.writeInt(a.length);
                for (float f : a) {
                    out.writeFloat(f);
                }
            }
        }
        AtomicFiles.write(file, bytes.toByteArray());
    }

    /** A read checkpoint. */
    public record Loaded(State state, Map<String, float[]> vars) {
    }

    /**
     * Reads a checkpoint.
     *
     * @throws IOException naming the file when it is not a checkpoint or is truncated
     */
    public static Loaded read(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(all))) {
            byte[] magic = new byte[MAGIC.length()];
            in.readFully(magic);
            if (!MAGIC.equals(new String(magic, StandardCharsets.US_ASCII))) {
                throw new IOException(file + " is not a training checkpoint (no " + MAGIC + " header)");
            }
            byte[] header = new byte[in.readInt()];
            in.readFully(header);
            State state = JSON.readValue(header, State.class);
            int n = in.readInt();
            Map<String, float[]> vars = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                String name = in.readUTF();
                float[] a = new float[in.readInt()];
                for (int j = 0; j < a.length; j++) {
                    a[j] = in.readFloat();
                }
                vars.put(name, a);
            }
            return new Loaded(state, vars);
        } catch (java.io.EOFException e) {
            throw new IOException(file + " is truncated; delete it to start the training afresh", e);
        }
    }
}
