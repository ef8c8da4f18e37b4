package io.github.tcpadapter.console;

import io.github.tcpadapter.api.TcpSessions;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/** Finds the application's {@link TcpSessions} under the JNDI name the console is configured with. */
final class SessionsLookup {

    private SessionsLookup() {
    }

    static TcpSessions find(ConsoleSettings settings) throws NamingException {
        try {
            return InitialContext.doLookup(settings.sessions());
        } catch (NamingException e) {
            NamingException explained = new NamingException("No TcpSessions at " + settings.sessions() + " ("
                    + e.getMessage() + "): define it with @AdministeredObjectDefinition, or name yours in the context"
                    + " parameter " + ConsoleSettings.PREFIX + "sessions");
            explained.setRootCause(e);
            throw explained;
        }
    }
}
