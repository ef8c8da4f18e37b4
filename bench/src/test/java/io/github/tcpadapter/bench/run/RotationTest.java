package io.github.tcpadapter.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RotationTest {

    @Test
    void repetitionKStartsAtSubjectKModN() {
        List<String> subjects = List.of("a", "b", "c");

        assertThat(Rotation.of(subjects, 0)).containsExactly("a", "b", "c");
        assertThat(Rotation.of(subjects, 1)).containsExactly("b", "c", "a");
        assertThat(Rotation.of(subjects, 2)).containsExactly("c", "a", "b");
        assertThat(Rotation.of(subjects, 4)).containsExactly("b", "c", "a");
    }

    @Test
    void everySubjectRunsFirstOnceInNRepetitions() {
        List<Integer> subjects = List.of(1, 2, 3, 4, 5);

        assertThat(List.of(0, 1, 2, 3, 4).stream().map(k -> Rotation.of(subjects, k).get(0)))
                .containsExactlyInAnyOrderElementsOf(subjects);
    }
}
