package io.github.tauml.pipeline.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.tauml.pipeline.config.ConfigException;
import io.github.tauml.pipeline.dataset.ReweightRequest.Contribution;
import io.github.tauml.pipeline.dataset.ReweightRequest.FromHistogram;
import io.github.tauml.pipeline.dataset.ReweightRequest.FromSample;
import io.github.tauml.pipeline.dataset.ReweightRequest.Mode;
import io.github.tauml.pipeline.dataset.ReweightRequest.Normalisation;
import io.github.tauml.rootio.JsRoot;
import io.github.tauml.rootio.RootFile;
import io.github.tauml.rootio.hist.TH1;
import io.github.tauml.rootio.tree.Column;
import io.github.tauml.rootio.write.RootWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReweightTest {
    private static final int NB = Trees.PT_EDGES.length + 1;

    @TempDir
    Path tmp;

    /** data (50 per batch), DYT (36, softer), WJ (14, harder); file sizes deliberately not in the batch ratio. */
    private List<Contribution> sample(String set, long seed) throws Exception {
        return List.of(
                contribution("data", Trees.write(tmp.resolve(set + "-data.root"), 100_000, seed, 0, -1, 35), 50, true),
                contribution("DYT", Trees.write(tmp.resolve(set + "-DYT.root"), 100_000, seed + 1, 1, 2, 25), 36,
                        false),
                contribution("WJ", Trees.write(tmp.resolve(set + "-WJ.root"), 40_000, seed + 2, 1, 3, 60), 14,
                        false));
    }

    private static Contribution contribution(String name, Path in, int perBatch, boolean data) {
        return new Contribution(name, "<contributions><contribution name=\"" + name + "\">", in, "taus", perBatch,
                data, null);
    }

    private ReweightRequest request(List<Contribution> cs, Mode mode, Normalisation n, double cap, String out) {
        return new ReweightRequest(cs, mode, n, Trees.PT_EDGES, "tau_pt", cap, null, tmp.resolve(out), 1);
    }

    private static long[] observe(Path file) throws Exception {
        TH1 axis = Trees.histogram("axis", Trees.PT_EDGES, 0, new double[15], 0);
        Column pt = Trees.read(file).get("tau_pt");
        long[] o = new long[NB];
        for (int i = 0; i < pt.entries(); i++) {
            o[axis.findBin(pt.getDouble(i))]++;
        }
        return o;
    }

    @Test
    void totalSimulationWeightsGiveTheSimulationHalfOfABatchTheDataSpectrumOnIndependentSamples() throws Exception {
        List<Contribution> one = sample("one", 1);
        ReweightResult r = Reweight.run(request(one, Mode.TOTAL_SIMULATION, Normalisation.DATA_COUNT,
                Double.POSITIVE_INFINITY, "w/adv_weights.root"), s -> { });
        assertThat(r.warnings()).isEmpty();
        assertThat(r.histograms()).extracting(TH1::name).containsExactly("data", "DYT", "WJ");
        assertThat(r.histograms().get(0).contents()).containsOnly(1.0);
        double[] w = r.histograms().get(1).contents();
        assertThat(r.histograms().get(2).contents()).containsExactly(w);

        // Apply them to independent samples of the same processes and compare, per batch, the weighted simulation
        // half with the data half; the variance includes the statistics of the samples the weights came from.
        List<Contribution> two = sample("two", 101);
        double[][] o1 = new double[3][];
        double[][] o2 = new double[3][];
        for (int c = 0; c < 3; c++) {
            o1[c] = java.util.Arrays.stream(observe(one.get(c).input())).asDoubleStream().toArray();
            o2[c] = java.util.Arrays.stream(observe(two.get(c).input())).asDoubleStream().toArray();
        }
        double chi2 = 0;
        int ndf = 0;
        for (int b = 0; b < NB; b++) {
            double n1d = java.util.Arrays.stream(o1[0]).sum();
            double n2d = java.util.Arrays.stream(o2[0]).sum();
            double d = 50 * o2[0][b] / n2d;
            double varD = Math.pow(50 / n2d, 2) * o2[0][b];
            double s = 0;
            double varS = 0;
            double s1 = 0;
            double varS1 = 0;
            for (int c = 1; c < 3; c++) {
                int per = one.get(c).perBatch();
                double n1 = java.util.Arrays.stream(o1[c]).sum();
                double n2 = java.util.Arrays.stream(o2[c]).sum();
                s += per * o2[c][b] / n2 * w[b];
                varS += Math.pow(per / n2 * w[b], 2) * o2[c][b];
                s1 += per * o1[c][b] / n1;
                varS1 += Math.pow(per / n1, 2) * o1[c][b];
            }
            if (o1[0][b] == 0 || s1 == 0) {
                continue;
            }
            double relVarW = 1 / o1[0][b] + varS1 / (s1 * s1);
            chi2 += Math.pow(d - s, 2) / (varD + varS + s * s * relVarW);
            ndf++;
            assertThat(w[b]).isCloseTo((50 * o1[0][b] / n1d) / s1, within(1e-12 * w[b]));
        }
        double limit = new ChiSquaredDistribution(ndf).inverseCumulativeProbability(0.999);
        assertThat(chi2).as("χ² of weighted simulation vs data, %d bins", ndf).isLessThan(limit);
        assertThat(ndf).isEqualTo(NB);
        // DATA_COUNT: the weighted simulation half of a batch holds the data half's 50 entries; UNIT_MEAN scales
        // it to the simulation half's own 50 (the same here: the reference's 50 / 50 balance).
        double weighted = 0;
        for (int c = 1; c < 3; c++) {
            double n1 = java.util.Arrays.stream(o1[c]).sum();
            for (int b = 0; b < NB; b++) {
                weighted += one.get(c).perBatch() * o1[c][b] / n1 * w[b];
            }
        }
        assertThat(weighted).isCloseTo(50, within(1e-9));
    }

    @Test
    void perContributionWeightsReproduceTheTargetAndNormaliseAsDeclared() throws Exception {
        List<Contribution> cs = sample("one", 7);
        double[] t = new double[15];
        for (int b = 0; b < 15; b++) {
            t[b] = 2000 * (Trees.PT_EDGES[b + 1] - Trees.PT_EDGES[b]) * Math.exp(-Trees.PT_EDGES[b] / 50);
        }
        TH1 target = Trees.histogram("DYT", Trees.PT_EDGES, 5000, t, 0);
        List<Contribution> with = List.of(cs.get(0),
                new Contribution("DYT", cs.get(1).element(), cs.get(1).input(), "taus", 36, false,
                        new FromHistogram(target, "datacard.root:mt_inclusive/DYT")),
                new Contribution("WJ", cs.get(2).element(), cs.get(2).input(), "taus", 14, false,
                        new FromSample("data")));
        ReweightResult none = Reweight.run(request(with, Mode.PER_CONTRIBUTION, Normalisation.NONE,
                Double.POSITIVE_INFINITY, "none.root"), s -> { });
        double[] w = none.histograms().get(1).contents();
        assertThat(none.histograms().get(0).contents()).containsOnly(1.0);

        // Independent DY sample of the same size: weighted spectrum vs the target.
        double[] o1 = java.util.Arrays.stream(observe(cs.get(1).input())).asDoubleStream().toArray();
        double[] o2 = java.util.Arrays.stream(observe(Trees.write(tmp.resolve("DYT2.root"), 100_000, 99, 1, 2, 25)))
                .asDoubleStream().toArray();
        double chi2 = 0;
        int ndf = 0;
        for (int b = 0; b < NB; b++) {
            if (o1[b] == 0) {
                // Nothing observed: weight 0 (as TH1::Divide); the overflow above 400 GeV of this soft sample.
                assertThat(w[b]).isZero();
                continue;
            }
            ndf++;
            double expected = target.content(b);
            double got = w[b] * o2[b];
            chi2 += Math.pow(got - expected, 2) / (w[b] * w[b] * o2[b] + got * got / o1[b]);
        }
        assertThat(ndf).isGreaterThanOrEqualTo(15);
        assertThat(chi2).isLessThan(new ChiSquaredDistribution(ndf).inverseCumulativeProbability(0.999));

        // Normalisations: unit mean weight, and a weighted count equal to the data count (100,000).
        ReweightResult unit = Reweight.run(request(with, Mode.PER_CONTRIBUTION, Normalisation.UNIT_MEAN,
                Double.POSITIVE_INFINITY, "unit.root"), s -> { });
        ReweightResult count = Reweight.run(request(with, Mode.PER_CONTRIBUTION, Normalisation.DATA_COUNT,
                Double.POSITIVE_INFINITY, "count.root"), s -> { });
        double[] ow = java.util.Arrays.stream(observe(cs.get(2).input())).asDoubleStream().toArray();
        assertThat(dot(unit.histograms().get(1).contents(), o1)).isCloseTo(100_000, within(1e-6));
        assertThat(dot(unit.histograms().get(2).contents(), ow)).isCloseTo(40_000, within(1e-6));
        assertThat(dot(count.histograms().get(2).contents(), ow)).isCloseTo(100_000, within(1e-6));
        // WJ's target is data's observed spectrum: with NONE its weights are data / WJ per bin.
        double[] od = java.util.Arrays.stream(observe(cs.get(0).input())).asDoubleStream().toArray();
        assertThat(none.histograms().get(2).content(9)).isCloseTo(od[9] / ow[9], within(1e-12));
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void theCapWarningNamesEveryCappedBinAndItsValue() throws Exception {
        List<Contribution> cs = sample("one", 1);
        ReweightResult free = Reweight.run(request(cs, Mode.TOTAL_SIMULATION, Normalisation.NONE,
                Double.POSITIVE_INFINITY, "free.root"), s -> { });
        double[] w = free.histograms().get(1).contents();
        double cap = 0.9 * java.util.Arrays.stream(w).max().orElseThrow();
        List<String> log = new ArrayList<>();
        ReweightResult r = Reweight.run(request(cs, Mode.TOTAL_SIMULATION, Normalisation.NONE, cap,
                "capped.root"), log::add);
        assertThat(r.warnings()).isNotEmpty().isEqualTo(log);
        int capped = 0;
        for (int b = 0; b < NB; b++) {
            for (String h : List.of("DYT", "WJ")) {
                String expected = String.format("weight cap: %s bin %d ", h, b);
                if (w[b] > cap) {
                    capped++;
                    String line = r.warnings().stream().filter(s -> s.startsWith(expected)).findFirst().orElseThrow();
                    assertThat(line).contains(String.format("weight %.6g capped at %.6g", w[b], cap));
                    assertThat(r.histograms().get(h.equals("DYT") ? 1 : 2).content(b)).isEqualTo(cap);
                } else {
                    assertThat(r.warnings()).noneMatch(s -> s.startsWith(expected));
                }
            }
        }
        assertThat(r.warnings()).hasSize(capped);
        assertThat(r.warnings().get(0)).matches("weight cap: DYT bin \\d+ \\[[-0-9.inf]+, [0-9.inf]+\\): weight .*");
    }

    @Test
    void theWeightsFileIsReadByJsrootWithOneHistogramPerContributionNamedAsDeclared() throws Exception {
        ReweightResult r = Reweight.run(request(sample("one", 1), Mode.TOTAL_SIMULATION, Normalisation.DATA_COUNT,
                Double.POSITIVE_INFINITY, "adv_weights.root"), s -> { });
        JsonNode hs = JsRoot.script("jsroot-weights.mjs", r.output().toString()).get("histograms");
        assertThat(hs).hasSize(3);
        for (int i = 0; i < 3; i++) {
            JsonNode h = hs.get(i);
            assertThat(h.get("name").asText()).isEqualTo(r.histograms().get(i).name());
            assertThat(h.get("className").asText()).isEqualTo("TH1D");
            assertThat(h.get("nbins").asInt()).isEqualTo(15);
            double[] contents = new double[NB];
            for (int b = 0; b < NB; b++) {
                contents[b] = h.get("contents").get(b).asDouble();
            }
            assertThat(contents).containsExactly(r.histograms().get(i).contents());
        }
    }

    @Test
    void badTargetsAndWeightsFilesFailNamingTheElementAndWriteNothing() throws Exception {
        List<Contribution> cs = sample("one", 1);
        TH1 coarse = Trees.histogram("EMB", new double[] {30, 100, 400}, 0, new double[] {1, 1}, 0);
        List<Contribution> bad = List.of(cs.get(0),
                new Contribution("DYT", cs.get(1).element(), cs.get(1).input(), "taus", 36, false,
                        new FromHistogram(coarse, "datacard.root:mt_inclusive/EMB")),
                new Contribution("WJ", cs.get(2).element(), cs.get(2).input(), "taus", 14, false,
                        new FromSample("W")));
        assertThatThrownBy(() -> Reweight.run(request(bad, Mode.PER_CONTRIBUTION, Normalisation.NONE,
                Double.POSITIVE_INFINITY, "bad/w.root"), s -> { }))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("2 problems")
                .hasMessageContaining("<contributions><contribution name=\"DYT\"><target>: DYT: the target histogram"
                        + " datacard.root:mt_inclusive/EMB has the binning [30.0, 100.0, 400.0], not the declared")
                .hasMessageContaining("the target sample 'W' is not a declared contribution (data, DYT, WJ)");
        assertThat(tmp.resolve("bad")).doesNotExist();

        // A user-supplied file lacking a contribution: the error lists what it holds.
        Path supplied = tmp.resolve("theirs.root");
        try (RootWriter w = RootWriter.create(supplied)) {
            w.histogram("data", Trees.histogram("data", Trees.PT_EDGES, 1, new double[15], 1));
            w.histogram("DYT", Trees.histogram("DYT", Trees.PT_EDGES, 1, new double[15], 1));
        }
        ReweightRequest useFile = new ReweightRequest(cs, Mode.TOTAL_SIMULATION, Normalisation.NONE, null, "tau_pt",
                Double.POSITIVE_INFINITY, supplied, tmp.resolve("file/adv_weights.root"), 1);
        assertThatThrownBy(() -> Reweight.run(useFile, s -> { }))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("<contributions><contribution name=\"WJ\">: the weights file " + supplied
                        + " has no histogram 'WJ'; it holds data, DYT");
        assertThat(tmp.resolve("file")).doesNotExist();
        ReweightResult ok = Reweight.run(new ReweightRequest(cs.subList(0, 2), Mode.TOTAL_SIMULATION,
                Normalisation.NONE, null, "tau_pt", 1e9, supplied, tmp.resolve("file/adv_weights.root"), 1),
                s -> { });
        try (RootFile f = RootFile.open(ok.output())) {
            assertThat(Reweight.histogramNames(f)).containsExactly("data", "DYT");
        }
    }
}
