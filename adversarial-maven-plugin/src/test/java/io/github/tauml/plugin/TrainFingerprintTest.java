package io.github.tauml.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.Parameter;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The train goal's up-to-date fingerprint (issue 12): in default mode the adversarial-only settings (k1, k2, the
 * adversarial dataset, the adversary's optimizer, the starting model...) cannot change the trained model, so changing
 * them must not re-train {@code train-default}; in adversarial mode they must. Uses the goal's parameters as the
 * generated plugin descriptor declares them, and StageMojo's own fingerprint parameters.
 */
class TrainFingerprintTest {

    @Test
    void defaultTrainingIgnoresAdversarialOnlySettings() throws Exception {
        ObjectNode base = parameters(train("default"));
        TrainMojo changed = train("default");
        set(changed, "k1", 2.0);
        set(changed, "k2", 0.0);
        set(changed, "advLearningRate", 0.5);
        set(changed, "usePreviousOpt", true);
        set(changed, "dannRamp", true);
        set(changed, "adversarialDataset", new File("/elsewhere/adversarial"));
        set(changed, "startingModel", new File("/elsewhere/model"));
        set(changed, "progressSeconds", 5);
        assertThat(parameters(changed)).isEqualTo(base);
        assertThat(base.has("epochs")).isTrue();
        assertThat(base.has("k2")).isFalse();

        TrainMojo moreEpochs = train("default");
        set(moreEpochs, "epochs", 7);
        assertThat(parameters(moreEpochs)).isNotEqualTo(base);
    }

    @Test
    void adversarialTrainingIsRerunWhenAnAdversarialSettingChanges() throws Exception {
        ObjectNode base = parameters(train("adversarial"));
        assertThat(base.has("k2")).isTrue();
        assertThat(base.has("startingModel")).isTrue();
        for (String[] change : new String[][] {{"k2", "0"}, {"k1", "2"}, {"advLearningRate", "0.5"}}) {
            TrainMojo m = train("adversarial");
            set(m, change[0], Double.valueOf(change[1]));
            assertThat(parameters(m)).as(change[0]).isNotEqualTo(base);
        }
        TrainMojo m = train("adversarial");
        set(m, "startingModel", new File("/elsewhere/model"));
        assertThat(parameters(m)).isNotEqualTo(base);
    }

    private static final String YAML = """
            Setup:
                n_tau                :  250
                adv_parameter        : [%s]
                n_adv_tau            : 100
                adv_learning_rate    : %s
            SetupNN:
                n_batches            : 500
                n_epochs             : 2
                learning_rate        : %s
            """;

    /** A training yaml's adversarial keys are adversarial-only too; its other keys are fingerprinted as settings. */
    @Test
    void defaultTrainingIgnoresTheYamlsAdversarialKeys(@TempDir Path dir) throws Exception {
        Path a = Files.writeString(dir.resolve("a.yaml"), YAML.formatted("1, 10", "0.01", "0.001"));
        Path b = Files.writeString(dir.resolve("b.yaml"), YAML.formatted("1, 0", "0.5", "0.001"));
        Path c = Files.writeString(dir.resolve("c.yaml"), YAML.formatted("1, 10", "0.01", "0.002"));
        ObjectNode withA = withYaml("default", dir, a);
        assertThat(withYaml("default", dir, b)).isEqualTo(withA);
        assertThat(withYaml("default", dir, c)).isNotEqualTo(withA);
        assertThat(withA.toString()).contains("learningRate").doesNotContain("advParameter\":[");
        // Adversarial fine-tuning reads the yaml as an input file: any change re-runs it.
        TrainMojo adv = train("adversarial");
        set(adv, "trainingYaml", a.toFile());
        assertThat(adv.parameters().has("trainingYaml (settings of default training)")).isFalse();
    }

    /** The same file name for both yaml versions: what differs is only the content. */
    private static ObjectNode withYaml(String mode, Path dir, Path yaml) throws Exception {
        Path f = dir.resolve("training_v1.yaml");
        Files.copy(yaml, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        TrainMojo m = train(mode);
        set(m, "trainingYaml", f.toFile());
        return m.parameters();
    }

    private static ObjectNode parameters(TrainMojo m) throws Exception {
        return m.parameters();
    }

    private static TrainMojo train(String mode) throws Exception {
        TrainMojo m = new TrainMojo();
        PluginDescriptor plugin = new PluginDescriptor();
        plugin.setVersion("test");
        MojoDescriptor mojo = new MojoDescriptor();
        mojo.setGoal("train");
        mojo.setPluginDescriptor(plugin);
        mojo.setParameters(descriptorParameters("train"));
        set(m, "mojoExecution", new MojoExecution(mojo, "train-" + mode));
        set(m, "mode", mode);
        set(m, "preset", "small");
        set(m, "seed", 1L);
        set(m, "epochs", 6);
        set(m, "classificationDataset", new File("/ana/target/adversarial/dataset/classification"));
        set(m, "adversarialDataset", new File("/ana/target/adversarial/dataset/adversarial"));
        set(m, "startingModel", new File("/ana/target/adversarial/model/default"));
        set(m, "progressSeconds", 30);
        return m;
    }

    /** The goal's parameters as the generated descriptor lists them (name, editable). */
    private static List<Parameter> descriptorParameters(String goal) throws Exception {
        File descriptor = new File("target/classes/META-INF/maven/plugin.xml");
        assertThat(descriptor).as("generated by maven-plugin-plugin before the tests").isFile();
        NodeList mojos = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(descriptor)
                .getElementsByTagName("mojo");
        List<Parameter> out = new ArrayList<>();
        for (int i = 0; i < mojos.getLength(); i++) {
            Element e = (Element) mojos.item(i);
            if (!goal.equals(e.getElementsByTagName("goal").item(0).getTextContent().trim())) {
                continue;
            }
            Element params = (Element) e.getElementsByTagName("parameters").item(0);
            NodeList ps = params.getElementsByTagName("parameter");
            for (int j = 0; j < ps.getLength(); j++) {
                Element p = (Element) ps.item(j);
                Parameter q = new Parameter();
                q.setName(p.getElementsByTagName("name").item(0).getTextContent().trim());
                q.setEditable(Boolean.parseBoolean(p.getElementsByTagName("editable").item(0).getTextContent()
                        .trim()));
                out.add(q);
            }
        }
        assertThat(out).as("parameters of " + goal).isNotEmpty();
        return out;
    }

    private static void set(Object target, String name, Object value) throws Exception {
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                f.set(target, value);
                return;
            } catch (NoSuchFieldException e) {
                // In a superclass.
            }
        }
        throw new NoSuchFieldException(name);
    }
}
