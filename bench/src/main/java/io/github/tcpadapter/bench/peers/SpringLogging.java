package io.github.tcpadapter.bench.peers;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps Spring's start-up and shutdown INFO lines (java.util.logging by default) off stderr, where the orchestrator
 * looks for errors; warnings and errors still show.
 */
final class SpringLogging {

    /** Held here: java.util.logging keeps loggers weakly, and a collected logger would forget its level. */
    private static final Logger SPRING = Logger.getLogger("org.springframework");

    private SpringLogging() {
    }

    /** Shows Spring's warnings and errors only. */
    static void warningsOnly() {
        SPRING.setLevel(Level.WARNING);
    }
}
