package io.github.tcpadapter.inbound;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The TCP listener of one message endpoint activation: accepts clients and runs one connection work each. */
public final class InboundListener {

    private static final Logger LOG = Logger.getLogger(InboundListener.class.getName());
    private static final int BACKLOG = 128;
    private static final long SHUTDOWN_TIMEOUT_MILLIS = 10_000;

    private final ListenerSettings settings;
    private final EndpointDelivery delivery;
    private final WorkManager workManager;
    private final SessionRegistry sessions;
    private final String name;
    private final Set<InboundConnection> connections = ConcurrentHashMap.newKeySet();
    private final WorkTracker works = new WorkTracker();
    private volatile boolean stopping;
    private ServerSocket serverSocket;

    /**
     * @param settings where to listen, and the framing
     * @param endpointFactory the message endpoint that receives the frames
     * @param workManager the server's work manager, which runs every thread of the listener
     */
    public InboundListener(ListenerSettings settings, MessageEndpointFactory endpointFactory,
            WorkManager workManager, SessionRegistry sessions) {
        this.settings = settings;
        this.delivery = new EndpointDelivery(endpointFactory);
        this.workManager = workManager;
        this.sessions = sessions;
        this.name = "TCP listener " + settings.bindAddress() + ":" + settings.port() + " of "
                + endpointFactory.getActivationName();
    }

    /**
     * Binds the port and starts accepting clients.
     *
     * @throws ResourceException if the port cannot be bound (for example it is in use) or no thread is available
     */
    public void start() throws ResourceException {
        try {
            serverSocket = new ServerSocket();
            serverSocket.bind(settings.localAddress(), BACKLOG);
        } catch (IOException e) {
            closeServerSocket();
            throw new ResourceException("Cannot listen on " + settings.bindAddress() + ":" + settings.port() + ": "
                    + e.getMessage(), e);
        }
        try {
            schedule(new AcceptLoop());
        } catch (WorkException e) {
            closeServerSocket();
            throw new ResourceException(name + " cannot start: the work manager refused its accept loop", e);
        }
        LOG.info(() -> name + " started");
    }

    /**
     * Stops accepting (the port is released at once), lets every connection finish the frames it has received,
     * closes the connections still open after {@value #SHUTDOWN_TIMEOUT_MILLIS} ms, and returns.
     */
    public void stop() {
        stopping = true;
        closeServerSocket();
        connections.forEach(InboundConnection::stopReading);
        try {
            if (!works.awaitNone(SHUTDOWN_TIMEOUT_MILLIS)) {
                LOG.warning(() -> name + ": " + connections.size() + " connections still busy after "
                        + SHUTDOWN_TIMEOUT_MILLIS + " ms; closing them");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connections.forEach(InboundConnection::close);
        LOG.info(() -> name + " stopped");
    }

    private void schedule(Work work) throws WorkException {
        works.started();
        try {
            workManager.scheduleWork(work);
        } catch (WorkException | RuntimeException e) {
            works.finished();
            throw e;
        }
    }

    void workDone() {
        works.finished();
    }

    void connectionClosed(InboundConnection connection) {
        connections.remove(connection);
    }

    private void accept(Socket socket) {
        InboundConnection connection = new InboundConnection(socket, sessions.nextId(settings.port()), settings,
                delivery, this);
        connections.add(connection);
        if (stopping) {
            // stop() may have passed over this connection already
            connection.close();
            connections.remove(connection);
            return;
        }
        try {
            schedule(connection);
        } catch (WorkException | RuntimeException e) {
            LOG.log(Level.WARNING, name + ": no thread for the connection from " + socket.getRemoteSocketAddress()
                    + "; closing it", e);
            connection.close();
            connections.remove(connection);
        }
    }

    private void closeServerSocket() {
        if (serverSocket != null) {
            try {
                serverSocket.close();
            } catch (IOException e) {
                LOG.log(Level.FINE, name + ": closing the server socket failed", e);
            }
        }
    }

    /** Accepts clients until the server socket closes. */
    private final class AcceptLoop implements Work {

        private static final long MAX_BACKOFF_MILLIS = 1_600;

        @Override
        public void run() {
            long backoffMillis = 0;
            try {
                while (!stopping && !serverSocket.isClosed()) {
                    try {
                        accept(serverSocket.accept());
                        backoffMillis = 0;
                    } catch (IOException e) {
                        if (!stopping) {
                            LOG.log(Level.WARNING, name + ": accepting a connection failed", e);
                            backoffMillis = Math.min(Math.max(2 * backoffMillis, 50), MAX_BACKOFF_MILLIS);
                            pause(backoffMillis);
                        }
                    }
                }
            } finally {
                workDone();
            }
        }

        // An accept that keeps failing (out of file descriptors, say) would otherwise spin and flood the log.
        private void pause(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping = true;
            }
        }

        @Override
        public void release() {
            stopping = true;
            closeServerSocket();
        }
    }
}
