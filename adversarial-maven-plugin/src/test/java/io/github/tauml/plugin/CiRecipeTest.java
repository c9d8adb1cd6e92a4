package io.github.tauml.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The CI recipes that analysis repositories copy (example-analysis/ci) run the command that the invoker test
 * {@code ci-recipe-locks-then-verifies} runs: if one changes, this fails until the other follows.
 */
class CiRecipeTest {
    private static final Path REPO = Path.of("..");
    private static final Pattern MVNW = Pattern.compile("\\./mvnw\\s+(.*?)\\s*$");

    /** The arguments after {@code ./mvnw} on the one line of a recipe that runs it. */
    private static String recipeArguments(String file) throws IOException {
        List<String> found = new ArrayList<>();
        for (String line : Files.readAllLines(REPO.resolve("example-analysis/ci").resolve(file))) {
            Matcher m = MVNW.matcher(line);
            if (m.find() && !line.trim().startsWith("#")) {
                found.add(m.group(1));
            }
        }
        assertThat(found).as(file + ": one ./mvnw command").hasSize(1);
        return found.get(0);
    }

    @Test
    void bothRecipesRunTheCommandTheInvokerTestRuns() throws IOException {
        String github = recipeArguments("github-actions.yml");
        String gitlab = recipeArguments("gitlab-ci.yml");
        assertThat(github).isEqualTo("-B verify -Dadversarial.lock=verify").isEqualTo(gitlab);

        Properties it = new Properties();
        try (Reader r = Files.newBufferedReader(REPO.resolve("src/it/ci-recipe-locks-then-verifies/invoker.properties"))) {
            it.load(r);
        }
        List<String> recipeRuns = new ArrayList<>();
        List<String> lockUpdates = new ArrayList<>();
        for (int i = 1; it.containsKey("invoker.goals." + i); i++) {
            if (!"analysis".equals(it.getProperty("invoker.project." + i))) {
                continue;
            }
            String goals = it.getProperty("invoker.goals." + i);
            if (goals.startsWith(github + " -l ")) {
                recipeRuns.add(goals);
            } else {
                // the one other build of the analysis writes the lock: the recipe's command with update for verify
                assertThat(goals).startsWith(github.replace("-Dadversarial.lock=verify", "-Dadversarial.lock=update")
                        + " -l ");
                lockUpdates.add(goals);
            }
        }
        assertThat(lockUpdates).hasSize(1);
        assertThat(recipeRuns).as("the recipe's command, green then failing").hasSize(2);
    }
}
