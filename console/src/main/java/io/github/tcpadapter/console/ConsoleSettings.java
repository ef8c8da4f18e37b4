package io.github.tcpadapter.console;

import jakarta.servlet.ServletContext;
import java.util.Arrays;
import java.util.List;

/**
 * The console's configuration, from its context parameters ({@code web.xml}, or {@code asadmin
 * set-web-context-param} at deploy time).
 *
 * @param sessions the JNDI name of the application's {@code TcpSessions} administered object
 * @param factories the JNDI names of the outbound connection factories the page may send requests through
 * @param maxStreams how many pages may watch at once; each holds one thread of the server
 * @param localViewing whether the server's own machine may watch without signing in (see {@link ConsoleAccess})
 */
record ConsoleSettings(String sessions, List<String> factories, int maxStreams, boolean localViewing) {

    static final String PREFIX = "io.github.tcpadapter.console.";

    static ConsoleSettings of(ServletContext context) {
        String maxStreams = parameter(context, "maxStreams", "8");
        int streams;
        try {
            streams = Integer.parseInt(maxStreams.trim());
        } catch (NumberFormatException e) {
            streams = 0;
        }
        if (streams < 1) {
            throw new IllegalArgumentException("Context parameter " + PREFIX + "maxStreams must be a positive "
                    + "number, not '" + maxStreams + "'");
        }
        String localViewing = parameter(context, "localViewing", "false").trim();
        if (!localViewing.equalsIgnoreCase("true") && !localViewing.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("Context parameter " + PREFIX + "localViewing must be true or false,"
                    + " not '" + localViewing + "'");
        }
        return new ConsoleSettings(parameter(context, "sessions", "java:app/tcp/Sessions"),
                Arrays.stream(parameter(context, "factories", "").split(",")).map(String::trim)
                        .filter(name -> !name.isEmpty()).toList(),
                streams, Boolean.parseBoolean(localViewing));
    }

    private static String parameter(ServletContext context, String name, String fallback) {
        String value = context.getInitParameter(PREFIX + name);
        return value == null ? fallback : value;
    }
}
