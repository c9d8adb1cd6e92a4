package io.github.tauml.pipeline.tfdata;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TFOutOfRangeException;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.io.ParseExample;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TType;

/**
 * Reads a dataset shard with TensorFlow's own kernels: the V1 {@code TFRecordDataset} op (which verifies the CRCs),
 * batched, then {@code ParseExampleV2} with the spec's dense keys and the grids as var-len (sparse) features, then
 * densified here from TF's sparse output. Independent of our protobuf decoding.
 */
final class TfParse {
    private TfParse() {
    }

    private static long[] longs(TInt64 t) {
        long[] a = new long[Math.toIntExact(t.shape().size())];
        t.copyTo(DataBuffers.of(a, false, false));
        return a;
    }

    private static float[] floats(TFloat32 t) {
        float[] a = new float[Math.toIntExact(t.shape().size())];
        t.copyTo(DataBuffers.of(a, false, false));
        return a;
    }

    /** Records of one shard as TF parsed them: inputs densified in spec order, then the targets. */
    static List<DatasetRecord> read(Path shard, DatasetSpec spec) {
        List<DatasetRecord> out = new ArrayList<>();
        boolean adv = spec.adversarial();
        List<DatasetSpec.Input> grids = spec.inputs().subList(1, spec.inputs().size());
        List<String> sparseKeys = new ArrayList<>();
        List<Class<? extends TType>> sparseTypes = new ArrayList<>();
        for (DatasetSpec.Input g : grids) {
            sparseKeys.add(g.key() + "/cells");
            sparseTypes.add(TInt64.class);
            sparseKeys.add(g.key() + "/values");
            sparseTypes.add(TFloat32.class);
        }
        int nTau = spec.inputs().get(0).denseSize();
        List<String> denseKeys = new ArrayList<>(List.of("tau", adv ? "label" : "y", "weight", "tau_pt", "tau_eta",
                "tau_decayMode", "entry"));
        List<Shape> denseShapes = new ArrayList<>(List.of(Shape.of(nTau), Shape.of(adv ? 1 : 4), Shape.of(1),
                Shape.of(1), Shape.of(1), Shape.of(1), Shape.of(1)));
        if (adv) {
            denseKeys.add("dataset_id");
            denseShapes.add(Shape.of(1));
        }
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Operand<?> rec = tf.scope().opBuilder("TFRecordDataset", "TFRecordDatasetV1")
                    .addInput(tf.constant(StdArrays.ndCopyOf(new String[] {shard.toString()})).asOutput())
                    .addInput(tf.constant(spec.gzip() ? "GZIP" : "").asOutput())
                    .addInput(tf.constant(256L * 1024).asOutput()).build().output(0);
            var bat = tf.data.batchDataset(rec, tf.constant(64L), tf.constant(false), List.of(TString.class),
                    List.of(Shape.of(-1)));
            var iter = tf.data.iterator("", "", List.of(TString.class), List.of(Shape.of(-1)));
            Op init = tf.data.makeIterator(bat, iter);
            @SuppressWarnings("unchecked")
            Operand<TString> ser = (Operand<TString>) tf.data.iteratorGetNext(iter, List.of(TString.class),
                    List.of(Shape.of(-1))).components().get(0);
            Operand<TString> empty = tf.constant(NdArrays.ofObjects(String.class, Shape.of(0)));
            List<Operand<?>> defaults = new ArrayList<>();
            for (String k : denseKeys) {
                boolean ints = k.equals("tau_decayMode") || k.equals("entry") || k.equals("dataset_id");
                defaults.add(ints ? tf.constant(new long[0]) : tf.constant(new float[0]));
            }
            ParseExample pe = tf.io.parseExample(ser, empty,
                    tf.constant(StdArrays.ndCopyOf(sparseKeys.toArray(new String[0]))),
                    tf.constant(StdArrays.ndCopyOf(denseKeys.toArray(new String[0]))), empty, defaults,
                    (long) sparseKeys.size(), sparseTypes, List.of(), List.of(), denseShapes);
            try (Session s = new Session(g)) {
                s.runner().addTarget(init).run();
                while (true) {
                    Session.Runner runner = s.runner();
                    pe.denseValues().forEach(runner::fetch);
                    pe.sparseIndices().forEach(runner::fetch);
                    pe.sparseValues().forEach(runner::fetch);
                    try (Result r = runner.run()) {
                        int nd = denseKeys.size();
                        int ns = sparseKeys.size();
                        TFloat32 tau = (TFloat32) r.get(0);
                        int rows = (int) tau.shape().get(0);
                        float[][][] all = new float[rows][spec.inputs().size()][];
                        for (int i = 0; i < rows; i++) {
                            all[i][0] = new float[nTau];
                            for (int j = 0; j < nTau; j++) {
                                all[i][0][j] = tau.getFloat(i, j);
                            }
                        }
                        for (int gi = 0; gi < grids.size(); gi++) {
                            DatasetSpec.Input gin = grids.get(gi);
                            int ch = gin.channels();
                            TInt64 cIdx = (TInt64) r.get(nd + 2 * gi);
                            TInt64 cVal = (TInt64) r.get(nd + ns + 2 * gi);
                            TInt64 vIdx = (TInt64) r.get(nd + 2 * gi + 1);
                            TFloat32 vVal = (TFloat32) r.get(nd + ns + 2 * gi + 1);
                            List<List<Long>> cells = new ArrayList<>();
                            for (int i = 0; i < rows; i++) {
                                cells.add(new ArrayList<>());
                                all[i][1 + gi] = new float[gin.denseSize()];
                            }
                            long[] ci = longs(cIdx);
                            long[] cv = longs(cVal);
                            long[] vi = longs(vIdx);
                            float[] vv = floats(vVal);
                            for (int k = 0; k < cv.length; k++) {
                                cells.get((int) ci[2 * k]).add(cv[k]);
                            }
                            for (int k = 0; k < vv.length; k++) {
                                int row = (int) vi[2 * k];
                                int pos = (int) vi[2 * k + 1];
                                long cell = cells.get(row).get(pos / ch);
                                all[row][1 + gi][(int) cell * ch + pos % ch] = vv[k];
                            }
                        }
                        for (int i = 0; i < rows; i++) {
                            float[][] inputs = all[i];
                            TFloat32 y = (TFloat32) r.get(1);
                            float[] targets = new float[(int) y.shape().get(1)];
                            for (int j = 0; j < targets.length; j++) {
                                targets[j] = y.getFloat(i, j);
                            }
                            long id = adv ? ((TInt64) r.get(7)).getLong(i, 0) : -1;
                            out.add(new DatasetRecord(inputs, targets, ((TFloat32) r.get(2)).getFloat(i, 0), id,
                                    ((TFloat32) r.get(3)).getFloat(i, 0), ((TFloat32) r.get(4)).getFloat(i, 0),
                                    ((TInt64) r.get(5)).getLong(i, 0), ((TInt64) r.get(6)).getLong(i, 0), -1));
                        }
                    } catch (TFOutOfRangeException e) {
                        break;
                    }
                }
            }
        }
        return out;
    }
}
