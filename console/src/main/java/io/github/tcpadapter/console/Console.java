package io.github.tcpadapter.console;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The console of one deployment: its settings, and the pages watching it. Each watching page holds a thread of
 * the server's default managed thread factory, so their number is bounded ({@code maxStreams}); all of them end
 * when the console is undeployed.
 */
@WebListener
public class Console implements ServletContextListener {

    private static final String ATTRIBUTE = Console.class.getName();
    private static final Logger LOG = Logger.getLogger(Console.class.getName());

    private ConsoleSettings settings;
    private ManagedThreadFactory threads;
    private Semaphore slots;
    private final Set<FrameStream> streams = ConcurrentHashMap.newKeySet();

    static Console of(ServletContext context) {
        return (Console) context.getAttribute(ATTRIBUTE);
    }

    @Override
    public void contextInitialized(ServletContextEvent event) {
        settings = ConsoleSettings.of(event.getServletContext());
        slots = new Semaphore(settings.maxStreams());
        try {
            threads = InitialContext.doLookup("java:comp/DefaultManagedThreadFactory");
        } catch (NamingException e) {
            throw new IllegalStateException("The TCP console needs the server's default managed thread factory", e);
        }
        event.getServletContext().setAttribute(ATTRIBUTE, this);
        String path = event.getServletContext().getContextPath();
        // where a new user learns how to get in
        LOG.info(() -> "TCP console at " + path + "/: open to users with the role " + ConsoleAccess.ROLE
                + " (the group " + ConsoleAccess.ROLE + " of the server's default realm)" + (settings.localViewing()
                        ? "; the server's own machine also watches without signing in (" : ", and to no one else ("
                ) + ConsoleSettings.PREFIX + "localViewing=" + settings.localViewing() + ")");
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        streams.forEach(FrameStream::stop);
    }

    ConsoleSettings settings() {
        return settings;
    }

    /** @return whether a page may watch: false when {@code maxStreams} pages watch already; else start or release */
    boolean reserve() {
        return slots.tryAcquire();
    }

    /** Gives back a slot that {@link #reserve} took, for a page that did not start. */
    void release() {
        slots.release();
    }

    /** Runs the stream of a page that {@link #reserve reserved} a slot, on a thread of its own, until it ends. */
    void start(FrameStream stream) {
        streams.add(stream);
        threads.newThread(() -> {
            try {
                stream.run();
            } finally {
                streams.remove(stream);
                slots.release();
            }
        }).start();
    }
}
