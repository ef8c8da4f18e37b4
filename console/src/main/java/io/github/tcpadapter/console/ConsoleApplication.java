package io.github.tcpadapter.console;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The console's JAX-RS resources, under {@code api/}. */
@ApplicationPath("api")
public class ConsoleApplication extends Application {
}
