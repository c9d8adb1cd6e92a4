package io.github.tauml.pipeline.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tauml.pipeline.inspect.InspectRequest.Format;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class InspectRequestTest {

    @Test
    void blankTreeMeansEveryTreeAndBranchListsAreCleanedAndFrozen() {
        InspectRequest r = new InspectRequest(Path.of("f.root"), "  ", Arrays.asList(" a", "", null, "b ", "a"),
                Format.JSON);

        assertThat(r.tree()).isNull();
        assertThat(r.branches()).containsExactly("a", "b");
        assertThatThrownBy(() -> r.branches().add("c")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void formatIsParsedInAnyCaseAndAnUnknownOneNamesTheChoices() {
        assertThat(Format.parse(" Json ")).isEqualTo(Format.JSON);
        assertThat(Format.parse("TEXT")).isEqualTo(Format.TEXT);
        assertThatThrownBy(() -> Format.parse("xml")).hasMessage("'xml' is not an inspect format; use text or json");
    }

    @Test
    void fileAndFormatAreRequired() {
        assertThatThrownBy(() -> new InspectRequest(null, null, List.of(), Format.TEXT))
                .isInstanceOf(NullPointerException.class).hasMessage("file");
        assertThatThrownBy(() -> new InspectRequest(Path.of("f.root"), null, List.of(), null))
                .isInstanceOf(NullPointerException.class).hasMessage("format");
    }
}
