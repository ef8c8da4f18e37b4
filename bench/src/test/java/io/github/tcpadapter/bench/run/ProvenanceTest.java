package io.github.tcpadapter.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvenanceTest {

    @TempDir
    Path notARepository;

    @Test
    void theCommitIsUnknownWhereGitCannotDescribeIt() {
        assertThat(Provenance.commit(notARepository)).isEqualTo("unknown");
    }

    @Test
    void theMachineNamesItsCoresSystemAndJvm() {
        assertThat(Provenance.machine()).containsKeys("cores", "os", "jvm", "cpu")
                .containsEntry("cores", Runtime.getRuntime().availableProcessors());
    }
}
