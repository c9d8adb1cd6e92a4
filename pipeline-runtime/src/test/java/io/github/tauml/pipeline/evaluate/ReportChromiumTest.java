package io.github.tauml.pipeline.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report as a reader sees it: Debian's headless Chromium (installed by {@code tools/install-eval-peers.sh}) loads
 * the self-contained HTML; a probe script added to a copy records, once the page has loaded, every image's decoded
 * size and the metrics table's rows and rendered height, which {@code --dump-dom} prints; a screenshot shows the page
 * is not blank.
 */
class ReportChromiumTest {
    static final String CHROMIUM = "/usr/bin/chromium";

    @TempDir
    Path dir;

    @Test
    void chromiumShowsEveryImageAndTheMetricsTable() throws Exception {
        assertThat(Path.of(CHROMIUM)).as("Debian's chromium: run tools/install-eval-peers.sh").isExecutable();
        EvaluateResult r = Evaluation.run(EvaluationTest.scenario(dir, List.of()), s -> { });
        String html = Files.readString(r.report());
        int images = count(html, "<img ");
        assertThat(images).isEqualTo(r.plots().size() / 2);

        String probe = "<script>window.addEventListener('load', () => {"
                + "const t = document.getElementById('metrics');"
                + "document.body.setAttribute('data-probe', JSON.stringify({"
                + "images: [...document.images].map(i => [i.complete, i.naturalWidth, i.naturalHeight,"
                + " i.getBoundingClientRect().width]),"
                + "rows: t.rows.length, height: t.getBoundingClientRect().height,"
                + "cells: [...t.rows].slice(1).map(r => r.cells[0].textContent)}));});</script>";
        Path copy = dir.resolve("probe.html");
        Files.writeString(copy, html.replace("</body>", probe + "</body>"));
        String dom = chromium("--dump-dom", copy.toUri().toString());
        Matcher m = Pattern.compile("data-probe=\"([^\"]*)\"").matcher(dom);
        assertThat(m.find()).as("the probe ran:\n" + dom.substring(0, Math.min(dom.length(), 2000))).isTrue();
        JsonNode probed = new ObjectMapper().readTree(m.group(1).replace("&quot;", "\"").replace("&amp;", "&"));

        assertThat(probed.get("images")).hasSize(images);
        for (JsonNode img : probed.get("images")) {
            assertThat(img.get(0).asBoolean()).isTrue();
            assertThat(img.get(1).asInt()).isEqualTo((int) Math.round(Plots.WIDTH * Plots.PNG_SCALE));
            assertThat(img.get(2).asInt()).isEqualTo((int) Math.round(Plots.HEIGHT * Plots.PNG_SCALE));
            assertThat(img.get(3).asDouble()).isGreaterThan(100);
        }
        int metrics = r.metrics().values().stream().flatMap(v -> v.keySet().stream()).distinct()
                .toList().size();
        assertThat(probed.get("rows").asInt()).isEqualTo(metrics + 1);
        assertThat(probed.get("height").asDouble()).isGreaterThan(20.0 * metrics);
        List<String> cells = new ArrayList<>();
        probed.get("cells").forEach(c -> cells.add(c.asText()));
        assertThat(cells).contains("chi2_ndf_djet", "ks_djet", "adv_auc", "auc_tau_vs_jet");

        Path shot = dir.resolve("report.png");
        chromium("--screenshot=" + shot, "--window-size=1400,1800", r.report().toUri().toString());
        BufferedImage img = ImageIO.read(shot.toFile());
        assertThat(img.getWidth()).isEqualTo(1400);
        assertThat(distinctColours(img)).as("a rendered page, not a blank one").isGreaterThan(50);
        Files.createDirectories(Path.of("target"));
        Files.copy(shot, Path.of("target", "report-screenshot.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private String chromium(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--user-data-dir=" + dir.resolve("profile"),
                "--virtual-time-budget=10000"));
        cmd.addAll(List.of(args));
        Path out = dir.resolve("chromium.out"), err = dir.resolve("chromium.err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(p.exitValue()).as(Files.readString(err)).isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private static int distinctColours(BufferedImage img) {
        java.util.Set<Integer> c = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                c.add(img.getRGB(x, y));
            }
        }
        return c.size();
    }
}
