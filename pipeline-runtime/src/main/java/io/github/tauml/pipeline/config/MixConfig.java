package io.github.tauml.pipeline.config;

import static io.github.tauml.pipeline.config.Declarations.blank;
import static io.github.tauml.pipeline.config.Declarations.orDefault;

import io.github.tauml.pipeline.dataset.MixRequest;
import io.github.tauml.pipeline.dataset.Reweight;
import io.github.tauml.pipeline.exec.Upstream;
import io.github.tauml.rootio.RootFile;
import io.github.tauml.rootio.compress.Compression;
import io.github.tauml.rootio.tree.Names;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The {@code mix} goal's declaration (reference §2.6) and its validation, every problem at once. */
public final class MixConfig {
    private MixConfig() {
    }

    /**
     * The goal's parameters.
     *
     * @param contributions     the blocks of a batch, in the order they are written (shared with reweight)
     * @param trainvalBatches   batches of the train/validation output
     * @param evaluationBatches batches of the evaluation output
     * @param order             {@code sequential} (the reference) or {@code shuffled}
     * @param seed              the shuffle's seed
     * @param weightsFile       the pT-weight file (the reweight goal's output), or null or {@code none} for weight 1
     * @param ptBranch          {@code tau_pt}
     * @param tauTypeBranch     the simulated samples' τ-type column ({@code mytauType})
     * @param tree              the inputs' tree ({@code taus})
     * @param trainvalOutput    {@code target/adversarial/mix/adv_dataset_trainval.root}
     * @param evaluationOutput  {@code target/adversarial/mix/adv_dataset_evaluate.root}
     */
    public record Declaration(List<ContributionDeclaration> contributions, int trainvalBatches,
                              int evaluationBatches, String order, long seed, String weightsFile, String ptBranch,
                              String tauTypeBranch, String tree, Path trainvalOutput, Path evaluationOutput,
                              String compression, int compressionLevel, int threads) {
    }

    public static MixRequest request(Declaration d, Path base) throws ConfigException {
        return request(d, base, Upstream.none());
    }

    /**
     * As {@link #request(Declaration, Path)}, with inputs (skims, the weights file) that earlier executions of the
     * pipeline write accepted before they exist (the {@code validate} goal).
     */
    public static MixRequest request(Declaration d, Path base, Upstream upstream) throws ConfigException {
        Problems problems = new Problems();
        if (d.contributions() == null || d.contributions().isEmpty()) {
            problems.add("<contributions>", "no contribution is declared, so a batch would be empty",
                    "declare the blocks of a batch, e.g. <contribution><name>data</name><input>...</input>"
                            + "<perBatch>50</perBatch><datasetId>0</datasetId></contribution>");
            problems.throwIfAny();
        }
        if (d.trainvalBatches() < 0) {
            problems.add("<trainvalBatches>", "must not be negative, got " + d.trainvalBatches(),
                    "give the train/validation batches, e.g. 1125 as the reference");
        }
        if (d.evaluationBatches() < 0) {
            problems.add("<evaluationBatches>", "must not be negative, got " + d.evaluationBatches(),
                    "give the evaluation batches, e.g. 750 as the reference");
        }
        if (d.trainvalBatches() == 0 && d.evaluationBatches() == 0) {
            problems.add("<trainvalBatches>", "both outputs have 0 batches", "give at least one batch");
        }
        boolean shuffle = switch (orDefault(d.order(), "sequential").toLowerCase(Locale.ROOT)) {
            case "sequential" -> false;
            case "shuffled" -> true;
            default -> {
                problems.add("<order>", "unknown order '" + d.order() + "'", "use sequential (file order, as the"
                        + " reference) or shuffled (a seeded permutation within each contribution)");
                yield false;
            }
        };
        Compression compression = Declarations.compression(d.compression(), "<compression>", problems);
        Declarations.level(d.compressionLevel(), "<compressionLevel>", problems);
        int threads = Declarations.threads(d.threads(), "<threads>", problems);
        Path weights = blank(d.weightsFile()) || d.weightsFile().trim().equalsIgnoreCase("none") ? null
                : Declarations.existingFile(base, d.weightsFile(), "<weightsFile>", "weights file", problems,
                upstream);
        if (d.trainvalOutput().toAbsolutePath().normalize().equals(d.evaluationOutput().toAbsolutePath().normalize())) {
            problems.add("<evaluationOutput>", "the train/validation and evaluation outputs are the same file "
                    + d.trainvalOutput(), "give them different files");
        }
        List<MixRequest.Contribution> out = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        Map<Long, String> ids = new HashMap<>();
        for (int i = 0; i < d.contributions().size(); i++) {
            ContributionDeclaration c = d.contributions().get(i);
            if (blank(c.name())) {
                problems.add("<contributions>", "contribution " + (i + 1) + " has no <name>",
                        "give every <contribution> a <name>, e.g. DY_taus");
                continue;
            }
            String name = c.name().trim();
            String el = c.element();
            if (names.put(name, name) != null) {
                problems.add(el, "two contributions are named " + name, "give every <contribution> its own <name>");
            }
            Path input = Declarations.existingFile(base, c.input(), el + "<input>", "input", problems, upstream);
            if (c.perBatch() == null || c.perBatch() < 1) {
                problems.add(el + "<perBatch>", name + ": entries per batch must be at least 1, got "
                        + c.perBatch(), "give its entries per batch, e.g. <perBatch>36</perBatch>");
            }
            if (c.datasetId() == null || c.datasetId() < 0) {
                problems.add(el + "<datasetId>", name + ": " + (c.datasetId() == null ? "no dataset_id is declared"
                        : "dataset_id must not be negative, got " + c.datasetId()), "give its dataset_id (the"
                        + " reference: 0 data, 1 DY τh, 2 tt τh, 3 DY μ, 4 tt jets, 5 W jets, 6 QCD)");
            } else {
                String other = ids.put(c.datasetId(), name);
                if (other != null) {
                    problems.add(el + "<datasetId>", name + " and " + other + " both have dataset_id "
                            + c.datasetId(), "give every contribution its own dataset_id, which the weights and the"
                            + " evaluation tell them apart by");
                }
            }
            if (input != null && problems.isEmpty()) {
                out.add(new MixRequest.Contribution(name, el, input, orDefault(c.tree(), orDefault(d.tree(), "taus")),
                        c.perBatch(), c.datasetId(), c.isData(), c.weightsName()));
            }
        }
        problems.throwIfAny();
        return new MixRequest(out, weights, orDefault(d.ptBranch(), "tau_pt"), orDefault(d.tauTypeBranch(),
                "mytauType"), d.trainvalBatches(), d.evaluationBatches(), shuffle, d.seed(), d.trainvalOutput(),
                d.evaluationOutput(), compression, d.compressionLevel(), threads);
    }

    /**
     * Checks that the weights file holds (or will hold) a histogram for every contribution's {@code <weights>} name
     * (reference §2.5-2.6: the mix looks each entry's weight up in its contribution's histogram).
     *
     * @param held   the histogram names in the file, or declared by the execution that writes it
     * @param writer the file's name, or the execution that writes it, for the message
     */
    public static void checkWeightNames(MixRequest r, Collection<String> held, String writer, Problems problems) {
        for (MixRequest.Contribution c : r.contributions()) {
            if (!held.contains(c.weights())) {
                List<String> close = Names.closest(c.weights(), List.copyOf(held), 1);
                problems.add(c.element() + "<weights>", c.name() + ": there is no weight histogram '" + c.weights()
                        + "' in " + writer + (close.isEmpty() ? "" : "; did you mean " + String.join(", ", close)
                        + "?") + " It holds " + (held.isEmpty() ? "none" : String.join(", ", held)),
                        "name one of its histograms in <weights>, or declare the contribution in the reweight goal"
                        + " too (declare <contributions> at the plugin level so that both goals share them)");
            }
        }
    }

    /** {@link #checkWeightNames(MixRequest, Collection, String, Problems)} against the file {@code r.weights()}. */
    public static void checkWeightNames(MixRequest r, Problems problems) throws IOException {
        try (RootFile f = RootFile.open(r.weights())) {
            checkWeightNames(r, Reweight.histogramNames(f), r.weights().getFileName().toString(), problems);
        }
    }
}
