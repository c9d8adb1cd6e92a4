package io.github.tauml.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Every Maven command the documentation shows (README.md, example-analysis/README.md and its CI recipes, docs/*.md) is
 * run by an invoker IT or by the CI job, or is a measurement checked without being run; adding a command to the docs
 * without saying what runs it fails here. Every command is also checked against the build as it is: its modules,
 * profiles, the plugin's coordinates, its goals and the user properties it sets must exist.
 */
class ReadmeCommandsTest {
    /** The repository root: surefire runs in the module directory. */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** What runs a documented command. */
    private sealed interface Coverage permits It, Ci, Measurement, Cluster {
    }

    /** An invoker IT whose builds run the command's goal with the same flags and properties. */
    private record It(String name) implements Coverage {
    }

    /** The CI job ({@code .ci/run}) runs this command, or one that builds a superset of it. */
    private record Ci(String why) implements Coverage {
    }

    /** A benchmark or an install: not run by the tests (speed is measured, never asserted), checked statically. */
    private record Measurement(String why) implements Coverage {
    }

    /**
     * A command for a Spark cluster the tests have none of: checked statically, and the IT named runs the same goals
     * with the same executor on {@code local[2]}.
     */
    private record Cluster(String it) implements Coverage {
    }

    private static final String PLUGIN = "io.github.tauml:adversarial-maven-plugin:0.1.0-SNAPSHOT";

    /** Each documented command, as {@link #normalise} writes it, and what runs it. */
    private static final Map<String, Coverage> COVERED = Map.ofEntries(
            Map.entry("mvn verify", new Ci(".ci/run runs ./mvnw -B verify")),
            Map.entry("mvn -B verify", new Ci(".ci/run runs it as it is written")),
            Map.entry("mvn -B -pl example-analysis -am verify -DskipTests",
                    new Ci("./mvnw -B verify builds every module, the example analysis included")),
            Map.entry("mvn -B verify -Dadversarial.lock=verify", new It("second-run-does-nothing")),
            Map.entry("mvn -q " + PLUGIN + ":inspect -Dadversarial.inspect.file=ntuple.root",
                    new It("inspect-text-without-pom")),
            Map.entry("mvn -q " + PLUGIN + ":inspect -Dadversarial.inspect.file=ntuple.root"
                    + " -Dadversarial.inspect.format=json", new It("inspect-without-pom")),
            Map.entry("mvn " + PLUGIN + ":help -Ddetail -Dgoal=inspect", new It("help-documents-every-goal")),
            Map.entry("mvn -B install -DskipTests", new Measurement("verify (CI) plus the copy into ~/.m2")),
            Map.entry("mvn adversarial:status", new It("status-shows-each-stage")),
            Map.entry("mvn install", new It("model-artifact-consumed-by-another-project")),
            Map.entry("mvn deploy", new Measurement("install (the model-artifact IT) plus the upload to a remote"
                    + " repository, which the tests have none of")),
            Map.entry("mvn -B -pl adversarial-maven-plugin -am install -DskipTests",
                    new Measurement("verify (CI) plus the copy into ~/.m2")),
            Map.entry("mvn -B -pl adversarial-maven-plugin site",
                    new Measurement("documentation: about a minute, generated on demand, not in CI")),
            Map.entry("mvn -B -pl root-spark -am install -DskipTests",
                    new Measurement("verify (CI) plus the copy into ~/.m2")),
            Map.entry("mvn -B -o -Pbench -pl root-io,pipeline-runtime -am verify -DskipTests",
                    new Measurement("benchmarks: speed is measured, never asserted")),
            Map.entry("mvn -B -o -Pbench -pl root-io,root-spark verify -DskipTests",
                    new Measurement("benchmarks: speed is measured, never asserted")),
            Map.entry("mvn -B -o -Pbench -pl root-io,root-spark verify -DskipTests -Dbench.args=\"--entries 5000000"
                    + " --reps 5\"", new Measurement("benchmarks: speed is measured, never asserted")),
            Map.entry("mvn -B -pl pipeline-spark -am install -DskipTests",
                    new Measurement("verify (CI) plus the copy into ~/.m2")),
            Map.entry("mvn -B verify -Dadversarial.skim.executor=spark -Dadversarial.skim.sparkMaster=spark://head:7077"
                    + " -Dadversarial.reweight.executor=spark -Dadversarial.reweight.sparkMaster=spark://head:7077",
                    new Cluster("skim-on-spark-equals-local")),
            Map.entry("mvn -B verify -Dadversarial.skim.executor=spark -Dadversarial.skim.sparkMaster=yarn",
                    new Cluster("skim-on-spark-equals-local")),
            Map.entry("mvn -B verify -Dadversarial.skim.executor=spark"
                    + " -Dadversarial.skim.sparkMaster=k8s://https://kubernetes.default.svc:443",
                    new Cluster("skim-on-spark-equals-local")));

    @Test
    void everyDocumentedCommandIsRunByAnItOrTheCiJob() throws Exception {
        Map<String, String> commands = documentedCommands();
        assertThat(commands).as("commands found in the docs").hasSizeGreaterThanOrEqualTo(10);
        List<String> uncovered = new ArrayList<>();
        commands.forEach((c, where) -> {
            if (!COVERED.containsKey(c)) {
                uncovered.add(c + "   (" + where + ")");
            }
        });
        assertThat(uncovered).as("documented commands that no IT or CI job runs: add an IT to src/it and the command"
                + " to COVERED").isEmpty();
        for (String c : commands.keySet()) {
            Coverage how = COVERED.get(c);
            if (how instanceof It it) {
                assertItRuns(it.name(), c);
            } else if (how instanceof Cluster cluster) {
                assertThat(ROOT.resolve("src/it").resolve(cluster.it()).resolve("pom.xml")).content()
                        .contains("<executor>spark</executor>", "<sparkMaster>local[2]</sparkMaster>");
            } else if (how instanceof Ci) {
                assertThat(Files.readString(ROOT.resolve(".ci/run"))).contains("./mvnw -B verify");
            }
        }
        assertThat(COVERED.keySet()).as("COVERED lists only commands the docs show").isSubsetOf(commands.keySet());
    }

    @Test
    void everyDocumentedCommandNamesModulesProfilesGoalsAndPropertiesThatExist() throws Exception {
        Set<String> modules = new LinkedHashSet<>(elements(ROOT.resolve("pom.xml"), "module"));
        Set<String> profiles = new LinkedHashSet<>(elements(ROOT.resolve("pom.xml"), "id"));
        for (String m : modules) {
            profiles.addAll(elements(ROOT.resolve(m).resolve("pom.xml"), "id"));
        }
        Map<String, Set<String>> goals = goalsAndProperties();
        String version = elements(ROOT.resolve("pom.xml"), "version").get(0);
        for (String c : documentedCommands().keySet()) {
            List<String> args = List.of(c.split(" "));
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (a.equals("-pl")) {
                    assertThat(modules).as(c).containsAll(List.of(args.get(i + 1).split(",")));
                } else if (a.startsWith("-P")) {
                    assertThat(profiles).as(c).contains(a.substring(2));
                } else if (a.startsWith("io.github.tauml:")) {
                    String[] g = a.split(":");
                    assertThat(g[1]).as(c).isEqualTo("adversarial-maven-plugin");
                    assertThat(g[2]).as(c + ": the project's version").isEqualTo(version);
                    assertThat(goals).as(c).containsKey(g[3]);
                } else if (a.startsWith("-Dadversarial.")) {
                    String property = a.substring(2).split("=")[0];
                    assertThat(goals.values().stream().anyMatch(p -> p.contains(property)))
                            .as(c + ": " + property + " is a user property of the plugin").isTrue();
                } else if (a.startsWith("-Dgoal=")) {
                    assertThat(goals).as(c).containsKey(a.substring("-Dgoal=".length()));
                }
            }
        }
    }

    @Test
    void extractionFindsCommandsInBlocksInlineAndOverContinuationLines() {
        String md = "Run `./mvnw -B verify\n-Dx=1` now.\n```\n/path/mvnw -q a:b:c:inspect \\\n    -Dy=2 > out.json\n"
                + "./mvnw -B -o verify   # a comment\ncd elsewhere\n```\nand `mvn verify`.\n";
        assertThat(commands(md)).containsExactly("mvn -q a:b:c:inspect -Dy=2", "mvn -B -o verify",
                "mvn -B verify -Dx=1", "mvn verify");
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** Normalised command to the first file that shows it. */
    static Map<String, String> documentedCommands() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(ROOT.resolve("README.md"),
                ROOT.resolve("example-analysis/README.md")));
        try (Stream<Path> s = Files.list(ROOT.resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        try (Stream<Path> s = Files.list(ROOT.resolve("example-analysis/ci"))) {
            s.sorted().forEach(docs::add);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Path p : docs) {
            String text = Files.readString(p);
            List<String> found = p.toString().endsWith(".md") ? commands(text) : yamlCommands(text);
            for (String c : found) {
                out.putIfAbsent(c, ROOT.relativize(p).toString());
            }
        }
        return out;
    }

    private static final Pattern INVOCATION = Pattern.compile("(?:^|\\s)((?:\\S*/)?mvnw?)(\\s.*)?$");

    /** Commands in fenced blocks (continuation lines joined), then in inline code (which may span lines). */
    static List<String> commands(String markdown) {
        List<String> out = new ArrayList<>();
        StringBuilder prose = new StringBuilder();
        boolean inBlock = false;
        String pending = "";
        for (String line : markdown.split("\n", -1)) {
            if (line.trim().startsWith("```")) {
                inBlock = !inBlock;
                prose.append('\n');
                continue;
            }
            if (!inBlock) {
                prose.append(line).append('\n');
                continue;
            }
            String l = pending + line.trim();
            if (l.endsWith("\\")) {
                pending = l.substring(0, l.length() - 1).trim() + " ";
                continue;
            }
            pending = "";
            command(l).ifPresent(out::add);
        }
        Matcher inline = Pattern.compile("`([^`]+)`").matcher(prose);
        while (inline.find()) {
            command(inline.group(1).replace('\n', ' ')).ifPresent(out::add);
        }
        return out;
    }

    /** {@code run:} lines and list items of a CI recipe that call Maven. */
    private static List<String> yamlCommands(String yaml) {
        List<String> out = new ArrayList<>();
        for (String line : yaml.split("\n")) {
            String l = line.trim().replaceFirst("^-\\s*", "").replaceFirst("^run:\\s*", "");
            command(l).ifPresent(out::add);
        }
        return out;
    }

    private static java.util.Optional<String> command(String text) {
        String t = text.replaceAll("\\s+#.*$", "").trim();
        Matcher m = INVOCATION.matcher(t);
        if (!m.find() || !(m.start(1) == 0)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(normalise(t));
    }

    /** {@code ./mvnw}, {@code /path/to/checkout/mvnw} and {@code mvnw} become {@code mvn}; a redirection goes. */
    static String normalise(String command) {
        String c = command.replaceAll("\\s*>\\s*\\S+$", "").replaceAll("\\s+", " ").trim();
        return c.replaceFirst("^\\S*/?mvnw?(?=\\s|$)", "mvn");
    }

    /** The IT exists, and one of its builds runs the command's goal with its flags and property names. */
    private static void assertItRuns(String it, String command) throws IOException {
        Path dir = ROOT.resolve("src/it").resolve(it);
        Path props = dir.resolve("invoker.properties");
        assertThat(props).as("IT " + it + " for: " + command).isRegularFile();
        String invoker = Files.readString(props);
        String user = Files.isRegularFile(dir.resolve("test.properties"))
                ? Files.readString(dir.resolve("test.properties")) : "";
        List<String> builds = new ArrayList<>();
        for (String line : invoker.split("\n")) {
            if (line.matches("invoker\\.goals(\\.\\d+)?\\s*=.*")) {
                builds.add(line.substring(line.indexOf('=') + 1).trim());
            }
        }
        boolean quiet = invoker.contains("invoker.quiet = true");
        List<String> args = List.of(command.split(" ")).subList(1, command.split(" ").length);
        boolean runs = builds.stream().anyMatch(b -> args.stream().allMatch(a -> covers(a, b, user, quiet)));
        assertThat(runs).as("IT " + it + " runs " + command + "; its builds: " + builds).isTrue();
    }

    private static boolean covers(String arg, String build, String userProperties, boolean quiet) {
        if (arg.equals("-q")) {
            return quiet || List.of(build.split(" ")).contains("-q");
        }
        if (arg.equals("-B")) {
            return true; // invoker always runs in batch mode
        }
        if (arg.startsWith(PLUGIN + ":")) {
            return build.contains("${project.version}:" + arg.substring(PLUGIN.length() + 1));
        }
        if (arg.startsWith("-D")) {
            String name = arg.substring(2).split("=")[0];
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
            // The IT may point a file property at its own test file; every other value must be the documented one.
            boolean fileLike = name.endsWith(".file");
            return Pattern.compile("(^|\\s)-D" + Pattern.quote(name) + (value == null || fileLike ? "(=|\\s|$)"
                    : "=" + Pattern.quote(value) + "(\\s|$)")).matcher(build).find()
                    || userProperties.contains(name + " =") || userProperties.contains(name + "=");
        }
        return List.of(build.split(" ")).contains(arg);
    }

    /** Goal name to its user properties, from the descriptor maven-plugin-plugin generated. */
    private static Map<String, Set<String>> goalsAndProperties() throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(Path.of("target/classes/META-INF/maven/plugin.xml").toFile());
        Map<String, Set<String>> out = new LinkedHashMap<>();
        NodeList mojos = doc.getElementsByTagName("mojo");
        for (int i = 0; i < mojos.getLength(); i++) {
            Element m = (Element) mojos.item(i);
            String goal = m.getElementsByTagName("goal").item(0).getTextContent().trim();
            Set<String> properties = new LinkedHashSet<>();
            NodeList conf = m.getElementsByTagName("configuration");
            if (conf.getLength() > 0) {
                Matcher p = Pattern.compile("\\$\\{([^}]+)}").matcher(conf.item(0).getTextContent());
                while (p.find()) {
                    properties.add(p.group(1));
                }
            }
            out.put(goal, properties);
        }
        return out;
    }

    /** Text of every element of this name that is a direct child of project, modules or profiles/profile. */
    private static List<String> elements(Path pom, String name) throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
        List<String> out = new ArrayList<>();
        NodeList all = doc.getElementsByTagName(name);
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            String parent = ((Element) e.getParentNode()).getTagName();
            boolean wanted = switch (name) {
                case "module" -> parent.equals("modules");
                case "id" -> parent.equals("profile");
                case "version" -> parent.equals("project");
                default -> true;
            };
            if (wanted) {
                out.add(e.getTextContent().trim());
            }
        }
        return out;
    }
}
