package io.github.tauml.plugin;

import io.github.tauml.pipeline.config.Problems;
import io.github.tauml.pipeline.toy.Mismodelling;
import io.github.tauml.pipeline.toy.ToyNtuples;
import io.github.tauml.pipeline.toy.ToyRequest;
import io.github.tauml.pipeline.toy.ToySample;
import io.github.tauml.rootio.compress.Compression;
import io.github.tauml.rootio.tree.Names;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Generates toy TauTuples: one ROOT file per sample ({@code data.root}, {@code DYtautau.root}, ...) with tree
 * {@code taus}, the TauTuple branches the adversarial workflow reads, and a known, configurable data/simulation
 * mismodelling (docs/toy-ntuples.md). The same seed and settings give the same bytes, whatever the number of threads.
 *
 * <p>Without {@code <samples>} it writes all seven samples (data, DYtautau, DYmumu, TT, WJets, QCD, training) with
 * {@code <entries>} candidates each.
 */
@Mojo(name = "toy-ntuples", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true)
public class ToyNtuplesMojo extends StageMojo {

    /** Where the {@code <sample>.root} files go. */
    @Parameter(property = "adversarial.toy.outputDirectory",
            defaultValue = "${project.build.directory}/adversarial/toy")
    private File outputDirectory;

    /**
     * The samples to generate, each {@code <sample><name>data</name><entries>200000</entries></sample>} or the short
     * form {@code <sample>data:200000</sample>} ({@code -Dadversarial.toy.samples=data:200000,QCD}). Names: data,
     * DYtautau, DYmumu, TT, WJets, QCD, training. Empty: all seven, with {@code <entries>} each.
     */
    @Parameter(property = "adversarial.toy.samples")
    private List<ToySampleSpec> samples;

    /** Candidates per sample for samples that do not give their own count. */
    @Parameter(property = "adversarial.toy.entries", defaultValue = "100000")
    private long entries;

    /** The seed every random stream derives from (per sample and per chunk of 10,000 candidates). */
    @Parameter(property = "adversarial.toy.seed", defaultValue = "1")
    private long seed;

    /** Whether to write the particle-level vector branches ({@code pfCand_*}, {@code ele_*}, {@code muon_*}). */
    @Parameter(property = "adversarial.toy.particles", defaultValue = "true")
    private boolean particles;

    /** Output compression: {@code zlib}, {@code lzma}, {@code lz4}, {@code zstd} or {@code none}. */
    @Parameter(property = "adversarial.toy.compression", defaultValue = "zlib")
    private String compression;

    /** Output compression level, 1 (fast) to 9 (small); 0 stores raw. */
    @Parameter(property = "adversarial.toy.compressionLevel", defaultValue = "1")
    private int compressionLevel;

    /** Generator threads; 0 uses every available processor. The files do not depend on it. */
    @Parameter(property = "adversarial.toy.threads", defaultValue = "0")
    private int threads;

    /** Data / simulation: reconstructed pT of genuine τh. */
    @Parameter(property = "adversarial.toy.tauEnergyScale", defaultValue = "1.02")
    private double tauEnergyScale;

    /** Data / simulation: mean number of photons in jet remnants. */
    @Parameter(property = "adversarial.toy.jetPhotonMultiplicity", defaultValue = "1.15")
    private double jetPhotonMultiplicity;

    /** Data / simulation: pT of neutral hadrons in jets. */
    @Parameter(property = "adversarial.toy.jetNeutralHadronResponse", defaultValue = "1.0")
    private double jetNeutralHadronResponse;

    /** Data / simulation: soft photons around genuine τh. */
    @Parameter(property = "adversarial.toy.tauPhotonActivity", defaultValue = "2.0")
    private double tauPhotonActivity;

    /** Data / simulation: ρ and every pile-up particle count. */
    @Parameter(property = "adversarial.toy.pileupDensity", defaultValue = "1.2")
    private double pileupDensity;

    /** Data / simulation: smearing of every track's dxy (not its reported error). */
    @Parameter(property = "adversarial.toy.ipResolution", defaultValue = "1.3")
    private double ipResolution;

    /** Data / simulation: rate of 3σ dxy tails. */
    @Parameter(property = "adversarial.toy.ipTails", defaultValue = "3.0")
    private double ipTails;

    /** Skips the goal. */
    @Parameter(property = "adversarial.toy.skip", defaultValue = "false")
    private boolean skip;

    @Override
    protected boolean skip() {
        return skip;
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        ToyRequest request = request();
        getLog().info(String.format(java.util.Locale.ROOT, "Generating %d toy sample%s (seed %d, %s, %s %d, %d thread%s) into %s",
                request.entries().size(), request.entries().size() == 1 ? "" : "s", request.seed(),
                request.particles() ? "with particles" : "without particles",
                request.compression().name().toLowerCase(java.util.Locale.ROOT), request.level(), request.threads(),
                request.threads() == 1 ? "" : "s", request.outputDirectory()));
        long start = System.nanoTime();
        List<ToyNtuples.Result> results;
        try {
            results = ToyNtuples.generate(request, getLog()::info);
        } catch (IOException e) {
            throw new MojoExecutionException("Could not write the toy ntuples to <outputDirectory> "
                    + request.outputDirectory() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new MojoExecutionException("Unexpected error while generating toy ntuples (a bug: please report it"
                    + " with the plugin configuration): " + e, e);
        }
        long total = results.stream().mapToLong(ToyNtuples.Result::entries).sum();
        double seconds = (System.nanoTime() - start) / 1e9;
        getLog().info(String.format(java.util.Locale.ROOT, "Wrote %,d toy candidates in %d file%s in %.1f s (%,.0f candidates/s)", total,
                results.size(), results.size() == 1 ? "" : "s", seconds, total / Math.max(seconds, 1e-9)));
    }

    /** The samples, counts and knobs, as the goal checks them before it generates anything. */
    @Override
    protected void check(Problems problems) {
        try {
            request();
        } catch (MojoFailureException e) {
            String m = e.getMessage();
            int colon = m.indexOf(": ");
            int fix = m.indexOf("\nFix: ");
            String element = colon > 0 && m.startsWith("<") ? m.substring(0, colon) : "<configuration>";
            String message = (colon > 0 && m.startsWith("<") ? m.substring(colon + 2) : m);
            problems.add(element, fix > 0 ? message.substring(0, message.indexOf("\nFix: ")) : message,
                    fix > 0 ? m.substring(fix + "\nFix: ".length()) : null);
        }
    }

    @Override
    protected List<Path> declaredOutputs() {
        return List.of(outputDirectory.toPath());
    }

    /** The sample files; the generator has no inputs. Null (always run) when the declaration is invalid. */
    @Override
    protected StageFiles files() {
        try {
            ToyRequest r = request();
            return new StageFiles(ToyNtuples.FORMAT_VERSION, List.of(), r.entries().keySet().stream()
                    .map(s -> r.outputDirectory().resolve(s.fileName() + ".root")).sorted().toList());
        } catch (MojoFailureException e) {
            return null;
        }
    }

    private ToyRequest request() throws MojoFailureException {
        Compression algorithm;
        try {
            algorithm = Compression.parse(compression);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("<compression> (adversarial.toy.compression): " + e.getMessage());
        }
        if (compressionLevel < 0 || compressionLevel > 9) {
            throw new MojoFailureException("<compressionLevel> (adversarial.toy.compressionLevel) must be 0..9, got "
                    + compressionLevel + ".\nFix: use 1 (fast, the default) to 9 (small), or 0 to store raw.");
        }
        if (threads < 0) {
            throw new MojoFailureException("<threads> (adversarial.toy.threads) must be 0 (every processor) or more,"
                    + " got " + threads);
        }
        Mismodelling mismodelling = mismodelling();
        int n = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        return new ToyRequest(outputDirectory.toPath().toAbsolutePath().normalize(), sampleEntries(), seed,
                mismodelling, particles, algorithm, compressionLevel, n);
    }

    /** Samples in generation order, with their counts; every problem names the {@code <sample>} at fault. */
    private Map<ToySample, Long> sampleEntries() throws MojoFailureException {
        Map<ToySample, Long> out = new LinkedHashMap<>();
        if (samples == null || samples.isEmpty()) {
            checkEntries("<entries> (adversarial.toy.entries)", entries);
            for (ToySample s : ToySample.values()) {
                out.put(s, entries);
            }
            return out;
        }
        List<String> names = Arrays.stream(ToySample.values()).map(ToySample::fileName).toList();
        for (ToySampleSpec spec : samples) {
            String name = spec.getName() == null ? "" : spec.getName().trim();
            if (name.isEmpty()) {
                throw new MojoFailureException("<samples><sample> without a <name>.\nFix: give each <sample> one of "
                        + String.join(", ", names) + ", as <sample><name>data</name></sample> or <sample>data</sample>.");
            }
            ToySample sample;
            try {
                sample = ToySample.parse(name);
            } catch (IllegalArgumentException e) {
                List<String> close = Names.closest(name, names, 2);
                throw new MojoFailureException("<samples><sample name=\"" + name + "\">: there is no toy sample '" + name
                        + "'" + (close.isEmpty() ? "" : "; did you mean " + String.join(", ", close) + "?")
                        + "\nFix: use one of " + String.join(", ", names) + ".");
            }
            if (spec.unparsedEntries() != null) {
                throw new MojoFailureException("<samples><sample>" + spec.getName() + ":" + spec.unparsedEntries()
                        + "</sample>: '" + spec.unparsedEntries() + "' is not a number of candidates.\nFix: write "
                        + "name:count, e.g. " + sample.fileName() + ":100000, or the name alone for <entries>.");
            }
            long n = spec.getEntries() == null ? entries : spec.getEntries();
            checkEntries("<samples><sample name=\"" + sample.fileName() + "\"><entries>", n);
            if (out.put(sample, n) != null) {
                throw new MojoFailureException("<samples>: sample " + sample.fileName() + " is declared twice.\n"
                        + "Fix: declare each sample once.");
            }
        }
        return out;
    }

    private static void checkEntries(String element, long n) throws MojoFailureException {
        if (n <= 0) {
            throw new MojoFailureException(element + " must be a positive number of candidates, got " + n + ".");
        }
    }

    private Mismodelling mismodelling() throws MojoFailureException {
        Object[][] knobs = {
            {"tauEnergyScale", tauEnergyScale}, {"jetPhotonMultiplicity", jetPhotonMultiplicity},
            {"jetNeutralHadronResponse", jetNeutralHadronResponse}, {"tauPhotonActivity", tauPhotonActivity},
            {"pileupDensity", pileupDensity}, {"ipResolution", ipResolution}, {"ipTails", ipTails},
        };
        for (Object[] k : knobs) {
            double v = (Double) k[1];
            if (!(v > 0) || v > 100) {
                throw new MojoFailureException("<" + k[0] + "> (adversarial.toy." + k[0] + ") must be a factor in"
                        + " (0, 100], got " + v + ".\nFix: 1 makes data as simulated; see docs/toy-ntuples.md.");
            }
        }
        return new Mismodelling(tauEnergyScale, jetPhotonMultiplicity, jetNeutralHadronResponse, tauPhotonActivity,
                pileupDensity, ipResolution, ipTails);
    }
}
