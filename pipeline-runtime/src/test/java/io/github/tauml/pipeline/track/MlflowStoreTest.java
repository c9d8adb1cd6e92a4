package io.github.tauml.pipeline.track;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MlflowStoreTest {

    @Test
    void writesTheFileStoreLayoutWithMetricsParamsTagsArtifactsAndGitCommit(@TempDir Path dir) throws Exception {
        // a repository with a worktree-style .git file and a packed ref, as git writes them
        Path repo = dir.resolve("repo");
        Path gitDir = Files.createDirectories(repo.resolve(".gitdata"));
        Files.writeString(repo.resolve(".git"), "gitdir: .gitdata\n");
        Files.writeString(gitDir.resolve("HEAD"), "ref: refs/heads/main\n");
        String commit = "0123456789abcdef0123456789abcdef01234567";
        Files.writeString(gitDir.resolve("packed-refs"), "# pack-refs with: peeled\n" + commit + " refs/heads/main\n");
        Path analysis = Files.createDirectories(repo.resolve("example"));
        Path artifact = Files.writeString(dir.resolve("settings.json"), "{}");

        MlflowStore store = new MlflowStore(dir.resolve("mlruns"));
        RunRecord run = new RunRecord("adversarial", "default-training", Map.of("k2", "10", "TauLossesSFs", "[1, 2.5]"),
                Map.of("mode", "default"),
                List.of(Map.of("loss", 0.9), Map.of("loss", 0.7), Map.of("loss", Double.NaN)),
                List.of(Map.of("loss", 0.8, "val_loss", 0.75)), Map.of("model/settings.json", artifact),
                1_000_000L, 1_002_000L, true, analysis);
        MlflowStore.Recorded r = store.record(run);
        MlflowStore.Recorded r2 = store.record(run);

        assertThat(r.experimentId()).isEqualTo("0").isEqualTo(r2.experimentId());
        assertThat(r.runId()).hasSize(32).isNotEqualTo(r2.runId());
        Path runDir = dir.resolve("mlruns/0").resolve(r.runId());
        assertThat(dir.resolve("mlruns/0/meta.yaml")).content().contains("name: adversarial", "experiment_id: \"0\"");
        assertThat(runDir.resolve("meta.yaml")).content().contains("run_id: " + r.runId(), "status: 3",
                "start_time: 1000000", "end_time: 1002000");
        assertThat(runDir.resolve("params/k2")).hasContent("10");
        assertThat(runDir.resolve("tags/mlflow.source.git.commit")).hasContent(commit);
        assertThat(runDir.resolve("tags/mode")).hasContent("default");
        assertThat(Files.readAllLines(runDir.resolve("metrics/step_loss"))).containsExactly("1000000 0.9 0",
                "1001000 0.7 1", "1002000 nan 2");
        assertThat(Files.readAllLines(runDir.resolve("metrics/val_loss"))).containsExactly("1002000 0.75 0");
        assertThat(runDir.resolve("artifacts/model/settings.json")).hasContent("{}");
        assertThat(GitCommit.of(dir.resolve("elsewhere"))).isNull();
    }

    @Test
    void latestRunIsTheNewestFinishedRunOfThatNameInThatExperiment(@TempDir Path dir) throws Exception {
        MlflowStore store = new MlflowStore(dir.resolve("mlruns"));
        assertThat(store.latestRun("adversarial", "default")).isEmpty();
        List<Map<String, Double>> steps = List.of(Map.of("loss", 1.0));
        Path older = store.record(new RunRecord("adversarial", "default", Map.of(), Map.of(), steps, List.of(),
                Map.of(), 1_000, 2_000, true, null)).directory();
        Path newer = store.record(new RunRecord("adversarial", "default", Map.of(), Map.of(), steps, List.of(),
                Map.of(), 5_000, 6_000, true, null)).directory();
        store.record(new RunRecord("adversarial", "default", Map.of(), Map.of(), steps, List.of(), Map.of(), 9_000,
                9_500, false, null));
        store.record(new RunRecord("adversarial", "adversarial", Map.of(), Map.of(), steps, List.of(), Map.of(),
                9_000, 9_500, true, null));
        store.record(new RunRecord("other", "default", Map.of(), Map.of(), steps, List.of(), Map.of(), 9_000, 9_500,
                true, null));
        assertThat(store.latestRun("adversarial", "default")).contains(newer);
        assertThat(older).isNotEqualTo(newer);
        assertThat(store.latestRun("missing", "default")).isEmpty();
    }
}
