package io.github.tauml.pipeline.expr;

import io.github.tauml.rootio.tree.Column;
import io.github.tauml.rootio.tree.Columns;
import io.github.tauml.rootio.tree.LeafType;
import io.github.tauml.rootio.tree.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The skim selection of the reference workflow (shared/docs/reference-workflow.md §2.2, from TauMLTools'
 * Documentation/adversarial.md), its branch types as TauTuple writes them, synthetic batches whose values straddle
 * every cut, and the selection written by hand in Java.
 */
public final class ReferenceSelection {
    public static final String SELECTION = "(tau_byDeepTau2017v2p1VSjetraw > 0.90) && (tau_pt > 30) && "
            + "(std::abs(tau_eta) < 2.3) && (tau_decayModeFindingNewDMs) && (tau_decayMode == 0 || tau_decayMode == 1"
            + " || tau_decayMode == 10 || tau_decayMode == 11) && (tau_byDeepTau2017v2p1VSeraw > 0.1686942) && "
            + "(tau_byDeepTau2017v2p1VSmuraw > 0.8754835) && (tau_index >= 0) && (has_extramuon == 0) && "
            + "(has_extraelectron == 0) && (has_dimuon == 0)";
    /** The selection of the MC samples: genuine hadronic taus. */
    public static final String MC_SELECTION = SELECTION + " && (mytauType == 2)";

    private static final String[] FLOATS = {"tau_byDeepTau2017v2p1VSjetraw", "tau_pt", "tau_eta",
            "tau_byDeepTau2017v2p1VSeraw", "tau_byDeepTau2017v2p1VSmuraw"};
    private static final String[] INTS = {"tau_decayModeFindingNewDMs", "tau_decayMode", "tau_index", "has_extramuon",
            "has_extraelectron", "has_dimuon", "mytauType"};

    private ReferenceSelection() {
    }

    public static Map<String, ColumnType> schema() {
        Map<String, ColumnType> schema = new LinkedHashMap<>();
        for (String f : FLOATS) {
            schema.put(f, ColumnType.scalar(LeafType.FLOAT32));
        }
        for (String i : INTS) {
            schema.put(i, ColumnType.scalar(LeafType.INT32));
        }
        return schema;
    }

    /** {@code entries} random taus starting at entry {@code first}; about one in ten passes the selection. */
    public static Columns batch(long first, int entries, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] vsJet = new float[entries];
        float[] pt = new float[entries];
        float[] eta = new float[entries];
        float[] vsE = new float[entries];
        float[] vsMu = new float[entries];
        int[] dmFinding = new int[entries];
        int[] dm = new int[entries];
        int[] index = new int[entries];
        int[] extraMuon = new int[entries];
        int[] extraElectron = new int[entries];
        int[] diMuon = new int[entries];
        int[] type = new int[entries];
        int[] modes = {0, 1, 2, 5, 6, 10, 11};
        for (int i = 0; i < entries; i++) {
            vsJet[i] = (float) r.nextDouble(0.7, 1.0);
            pt[i] = r.nextInt(50) == 0 ? Float.NaN : (float) r.nextDouble(20, 60);
            eta[i] = (float) r.nextDouble(-2.5, 2.5);
            // The working point itself, as a float, must fail "> 0.1686942": the literal is a double.
            vsE[i] = r.nextInt(20) == 0 ? 0.1686942f : (float) r.nextDouble(0, 1);
            vsMu[i] = (float) r.nextDouble(0.5, 1.0);
            dmFinding[i] = r.nextInt(10) == 0 ? 0 : 1;
            dm[i] = modes[r.nextInt(modes.length)];
            index[i] = r.nextInt(10) - 1;
            extraMuon[i] = r.nextInt(10) == 0 ? 1 : 0;
            extraElectron[i] = r.nextInt(10) == 0 ? 1 : 0;
            diMuon[i] = r.nextInt(10) == 0 ? 1 : 0;
            type[i] = r.nextInt(5) - 1;
        }
        Map<String, Column> columns = new LinkedHashMap<>();
        Object[] floats = {vsJet, pt, eta, vsE, vsMu};
        Object[] ints = {dmFinding, dm, index, extraMuon, extraElectron, diMuon, type};
        for (int k = 0; k < FLOATS.length; k++) {
            columns.put(FLOATS[k], new Column(FLOATS[k], LeafType.FLOAT32, Shape.SCALAR, floats[k], null, 1));
        }
        for (int k = 0; k < INTS.length; k++) {
            columns.put(INTS[k], new Column(INTS[k], LeafType.INT32, Shape.SCALAR, ints[k], null, 1));
        }
        return new Columns(first, entries, columns);
    }

    /** The selection as one would write it in Java; Java's float-double promotion is C++'s for these operands. */
    public static boolean[] handWritten(Columns batch, boolean mc) {
        float[] vsJet = (float[]) batch.get("tau_byDeepTau2017v2p1VSjetraw").values();
        float[] pt = (float[]) batch.get("tau_pt").values();
        float[] eta = (float[]) batch.get("tau_eta").values();
        float[] vsE = (float[]) batch.get("tau_byDeepTau2017v2p1VSeraw").values();
        float[] vsMu = (float[]) batch.get("tau_byDeepTau2017v2p1VSmuraw").values();
        int[] dmFinding = (int[]) batch.get("tau_decayModeFindingNewDMs").values();
        int[] dm = (int[]) batch.get("tau_decayMode").values();
        int[] index = (int[]) batch.get("tau_index").values();
        int[] extraMuon = (int[]) batch.get("has_extramuon").values();
        int[] extraElectron = (int[]) batch.get("has_extraelectron").values();
        int[] diMuon = (int[]) batch.get("has_dimuon").values();
        int[] type = (int[]) batch.get("mytauType").values();
        boolean[] out = new boolean[pt.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = vsJet[i] > 0.90 && pt[i] > 30 && Math.abs(eta[i]) < 2.3 && dmFinding[i] != 0
                    && (dm[i] == 0 || dm[i] == 1 || dm[i] == 10 || dm[i] == 11) && vsE[i] > 0.1686942
                    && vsMu[i] > 0.8754835 && index[i] >= 0 && extraMuon[i] == 0 && extraElectron[i] == 0
                    && diMuon[i] == 0 && (!mc || type[i] == 2);
        }
        return out;
    }
}
