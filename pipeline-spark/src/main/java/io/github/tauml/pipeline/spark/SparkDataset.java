package io.github.tauml.pipeline.spark;

import io.github.tauml.pipeline.config.ConfigException;
import io.github.tauml.pipeline.tfdata.AdversarialRequest;
import io.github.tauml.pipeline.tfdata.ClassificationRequest;
import io.github.tauml.pipeline.tfdata.DatasetResult;
import io.github.tauml.pipeline.tfdata.TFDatasets;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The adversarial TFRecord dataset on Spark (reference §2.7). Each record is a function of one mix candidate alone
 * (its features scaled with {@code scaling.json}, label, weight, {@code dataset_id}, entry number), and the records are
 * written in the mix's order. So the driver checks the request as the local writer does and cuts the candidates into
 * entry ranges (at most {@value #MAX_ENTRIES} entries, at least 3 per core); each task opens its input, compiles the
 * features and encodes its range's {@code tf.train.Example} records; the driver puts them into the shards <b>in record
 * order</b>, so every shard, {@code scaling.json} and {@code spec.json} equal the local executor's byte for byte.
 *
 * <p>The classification dataset (§2.8, §3.1) runs in two Spark jobs over entry ranges of its inputs: pass 1 returns
 * each range's class spectra and the values its scaling statistics add, which the driver adds <b>in range order</b>
 * (Welford's running mean depends on the order: the local order gives the local numbers); pass 2 encodes each range's
 * records with the driver's class weights and scaling, and the driver puts them at their shuffled positions.
 */
public final class SparkDataset {
    /** Candidates per task at most. */
    static final long MAX_ENTRIES = 65_536;

    private SparkDataset() {
    }

    /**
     * Writes {@code request}'s dataset on {@code spark}; the directory is the one {@link TFDatasets#adversarial}
     * writes.
     *
     * @throws ConfigException the request cannot run (as locally, found on the driver before any task), or a task
     *                         failed for a reason other than its input (named at {@code <executor>})
     * @throws IOException     an input cannot be read; nothing is published
     */
    public static DatasetResult adversarial(SparkSession spark, AdversarialRequest request, Consumer<String> log)
            throws ConfigException, IOException {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int parallelism = Math.max(1, jsc.defaultParallelism());
        long records = (long) request.batchSize() * (request.trainBatches() + request.validationBatches());
        long step = Math.max(1, Math.min(MAX_ENTRIES, (records + 3L * parallelism - 1) / (3L * parallelism)));
        List<TFDatasets.Range> ranges = TFDatasets.adversarialRanges(request, step);
        log.accept(String.format(Locale.ROOT, "adversarial dataset: %,d ranges of up to %,d candidates on Spark %s"
                + " (%s, %d cores)", ranges.size(), step, spark.version(), jsc.master(), parallelism));
        AdversarialSpec spec = AdversarialSpec.of(request);
        return InOrder.merge(jsc, ranges, g -> encode(TFDatasets.adversarialRecords(spec.request(), g)),
                SparkDataset::decode, ordered -> TFDatasets.adversarial(request, log, ordered),
                e -> failed(e, "the adversarial dataset"));
    }

    /**
     * Writes {@code request}'s classification dataset on {@code spark}; the directory is the one
     * {@link TFDatasets#classification} writes.
     *
     * @throws ConfigException the request cannot run (as locally, found on the driver before any task or after pass
     *                         1), or a task failed for a reason other than its input (named at {@code <executor>})
     * @throws IOException     an input cannot be read; nothing is published
     */
    public static DatasetResult classification(SparkSession spark, ClassificationRequest request,
                                               Consumer<String> log) throws ConfigException, IOException {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int parallelism = Math.max(1, jsc.defaultParallelism());
        List<TFDatasets.Range> ranges = TFDatasets.classificationRanges(request, MAX_ENTRIES, 3 * parallelism);
        long largest = ranges.stream().mapToLong(g -> g.to() - g.from()).max().orElse(0);
        log.accept(String.format(Locale.ROOT, "classification dataset: %,d ranges of up to %,d candidates on Spark %s"
                + " (%s, %d cores)", ranges.size(), largest, spark.version(), jsc.master(), parallelism));
        ClassificationSpec spec = ClassificationSpec.of(request);
        return InOrder.merge(jsc, ranges, g -> serialize(TFDatasets.classificationPartial(spec.request(), g)),
                b -> List.of((TFDatasets.ClassificationPartial) deserialize(b)),
                partials -> TFDatasets.classification(request, log, partials, scaling -> InOrder.of(jsc, ranges,
                        g -> encode(TFDatasets.classificationRecords(spec.request(), g, scaling)),
                        SparkDataset::decode)),
                e -> failed(e, "the classification dataset"));
    }

    /** A failed task of either dataset as the goal's error. */
    private static ConfigException failed(TaskFailure e, String what) throws IOException {
        return e.toConfigException("<executor> (adversarial.dataset.executor)", what, "run the same dataset with"
                + " <executor>local</executor> to tell a problem of the inputs from one of the cluster");
    }

    /** A pass-1 partial as bytes (Java serialization: primitive arrays are written whole). */
    static byte[] serialize(Serializable o) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Object deserialize(byte[] data) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(data)) {
            @Override
            protected Class<?> resolveClass(java.io.ObjectStreamClass desc) throws IOException,
                    ClassNotFoundException {
                return Class.forName(desc.getName(), false, SparkDataset.class.getClassLoader());
            }
        }) {
            return in.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A range's records: their count, then each as its length and bytes. */
    static byte[] encode(List<byte[]> records) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(records.size());
            for (byte[] r : records) {
                out.writeInt(r.length);
                out.write(r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static List<byte[]> decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            int n = in.readInt();
            List<byte[]> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(in.readNBytes(in.readInt()));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
