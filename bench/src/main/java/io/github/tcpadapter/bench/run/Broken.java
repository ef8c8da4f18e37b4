package io.github.tcpadapter.bench.run;

import java.util.Locale;

/**
 * The rule for a cell that measured nothing: more than half of its connections (or callers) never got an answer in
 * the measured window. Such a cell is shown as broken, never given a ratio, and never counted as a target met.
 */
final class Broken {

    private Broken() {
    }

    /**
     * @param silent the connections that got no answer in the window
     * @param connections the cell's connections
     * @return whether the cell is broken
     */
    static boolean is(long silent, int connections) {
        return silent * 2 > connections;
    }

    /** @return how a table shows a broken cell */
    static String label(long silent, int connections) {
        return String.format(Locale.ROOT, "broken: %,d of %,d connections never answered", silent, connections);
    }
}
