package io.github.tcpadapter.cluster.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The JVM a Payara Server pid file names, while it runs: the DAS's or an instance's. */
final class PidFile {

    private PidFile() {
    }

    /**
     * @param pidFile the server's {@code config/pid}
     * @param installation a path its command line holds: a pid of an earlier run, reused by another program since,
     *     is never taken for the server
     * @return the process, if it runs and is that server
     */
    static Optional<ProcessHandle> process(Path pidFile, Path installation) {
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            return ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip()))
                    .filter(ProcessHandle::isAlive)
                    .filter(process -> process.info().commandLine().orElse("").contains(installation.toString()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
