package io.github.tcpadapter.bench.run;

import java.util.ArrayList;
import java.util.List;

/**
 * The order of the subjects in a repetition: repetition k (from 0) starts at subject k mod n and goes on in the
 * list's order, so that no subject always runs first, after the same neighbour, or last.
 */
final class Rotation {

    private Rotation() {
    }

    /**
     * @param subjects the subjects in their listed order
     * @param k the repetition, from 0
     * @return the subjects in the order repetition k runs them
     */
    static <T> List<T> of(List<T> subjects, int k) {
        int n = subjects.size();
        List<T> rotated = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rotated.add(subjects.get(Math.floorMod(k + i, n)));
        }
        return rotated;
    }
}
