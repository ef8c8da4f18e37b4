package io.github.tcpadapter.inbound;

import io.github.tcpadapter.api.TcpMessage;
import io.github.tcpadapter.framing.FrameReader;
import io.github.tcpadapter.framing.Framing;
import io.github.tcpadapter.framing.FramingException;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.work.Work;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.Charset;
import java.util.logging.Level;
import java.util.logging.Logger;

/** One client connection: reads frames, delivers each to the bean in order, writes back the replies. */
final class InboundConnection implements Work {

    private static final Logger LOG = Logger.getLogger(InboundConnection.class.getName());

    private final Socket socket;
    private final String sessionId;
    private final InetSocketAddress peer;
    private final Framing framing;
    private final Charset charset;
    private final EndpointDelivery delivery;
    private final InboundListener listener;

    InboundConnection(Socket socket, String sessionId, ListenerSettings settings, EndpointDelivery delivery, InboundListener listener) {
        this.socket = socket;
        this.sessionId = sessionId;
        this.peer = (InetSocketAddress) socket.getRemoteSocketAddress();
        this.framing = settings.framing();
        this.charset = settings.charset();
        this.delivery = delivery;
        this.listener = listener;
    }

    @Override
    public void run() {
        try {
            serve();
        } catch (FramingException e) {
            LOG.warning(() -> "Closing the connection from " + peer + ": " + e.getMessage());
        } catch (UnavailableException e) {
            LOG.log(Level.WARNING, "Closing the connection from " + peer + ": no message endpoint available", e);
        } catch (IOException e) {
            if (!socket.isClosed()) {
                LOG.fine(() -> "Connection from " + peer + " failed: " + e);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The message endpoint failed on a frame from " + peer + "; closing the connection",
                    e);
        } finally {
            close();
            listener.connectionClosed(this);
            listener.workDone();
        }
    }

    private void serve() throws IOException, UnavailableException {
        FrameReader reader = new FrameReader(socket.getInputStream(), framing.newDecoder());
        OutputStream out = socket.getOutputStream();
        byte[] frame;
        while ((frame = reader.read()) != null) {
            byte[] reply = delivery.deliver(new TcpMessage(frame, sessionId, peer, charset));
            if (reply != null) {
                out.write(encodeReply(reply));
            }
        }
    }

    private byte[] encodeReply(byte[] reply) throws FramingException {
        try {
            return framing.encode(reply);
        } catch (FramingException e) {
            throw new FramingException("the message endpoint's reply cannot be framed: " + e.getMessage());
        }
    }

    /** Stops reading: frames already received are still delivered and answered, then the work ends. */
    void stopReading() {
        try {
            socket.shutdownInput();
        } catch (IOException e) {
            close();
        }
    }

    void close() {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "Closing the connection from " + peer + " failed", e);
        }
    }

    @Override
    public void release() {
        close();
    }
}
