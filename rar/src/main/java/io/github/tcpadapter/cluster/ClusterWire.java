package io.github.tcpadapter.cluster;

import io.github.tcpadapter.api.TcpSessionTraffic;
import io.github.tcpadapter.cluster.spi.ClusterMember;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The messages members exchange, as bytes: only bytes cross the cluster engine, which cannot load the adapter's
 * classes. Each message starts with its kind and the wire's version.
 */
final class ClusterWire {

    private static final int VERSION = 1;

    /** A message between members. */
    sealed interface Message permits Hello, Snapshot, Opened, Closed, Call, Result {
    }

    /** A member that starts asks the others for their sessions. */
    record Hello() implements Message {
    }

    /** All sessions of the sending member, replacing what the receiver knew of them. */
    record Snapshot(List<SessionEntry> sessions) implements Message {
    }

    record Opened(SessionEntry session) implements Message {
    }

    record Closed(String sessionId) implements Message {
    }

    /** What a caller asks of a session of the receiving member. */
    enum Operation { SEND, SEND_ASYNC, CLOSE, REQUEST }

    /**
     * @param timeoutMillis for SEND, how long to wait for room; for REQUEST, how long the reply may take
     * @param deadline when the caller stops waiting (epoch milliseconds): a call that reaches a member later, which
     *     hung meanwhile, is not carried out
     */
    record Call(long id, Operation operation, String sessionId, long timeoutMillis, long deadline, byte[] payload)
            implements Message {
    }

    enum Outcome { DONE, FAILED, TIMED_OUT }

    /**
     * @param error why it failed, for the caller's exception
     * @param payload the reply of a REQUEST
     */
    record Result(long callId, Outcome outcome, String error, byte[] payload) implements Message {
    }

    private ClusterWire() {
    }

    static byte[] write(Message message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            if (message instanceof Hello) {
                out.writeByte(0);
            } else if (message instanceof Snapshot snapshot) {
                out.writeByte(1);
                out.writeInt(snapshot.sessions().size());
                for (SessionEntry entry : snapshot.sessions()) {
                    writeEntry(out, entry);
                }
            } else if (message instanceof Opened opened) {
                out.writeByte(2);
                writeEntry(out, opened.session());
            } else if (message instanceof Closed closed) {
                out.writeByte(3);
                out.writeUTF(closed.sessionId());
            } else if (message instanceof Call call) {
                out.writeByte(4);
                out.writeLong(call.id());
                out.writeByte(call.operation().ordinal());
                out.writeUTF(call.sessionId());
                out.writeLong(call.timeoutMillis());
                out.writeLong(call.deadline());
                writeBytes(out, call.payload());
            } else if (message instanceof Result result) {
                out.writeByte(5);
                out.writeLong(result.callId());
                out.writeByte(result.outcome().ordinal());
                out.writeUTF(result.error());
                writeBytes(out, result.payload());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    /**
     * @param from the member that sent it: the sessions of a snapshot or an opening are that member's
     * @throws IOException if the bytes are no message of this version
     */
    static Message read(byte[] message, ClusterMember from) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(message));
        int version = in.readUnsignedByte();
        if (version != VERSION) {
            throw new IOException("a message of wire version " + version + ", not " + VERSION
                    + " (members run different versions of the adapter)");
        }
        int kind = in.readUnsignedByte();
        switch (kind) {
            case 0:
                return new Hello();
            case 1:
                int count = in.readInt();
                List<SessionEntry> sessions = new ArrayList<>(Math.min(count, 1024));
                for (int i = 0; i < count; i++) {
                    sessions.add(readEntry(in, from));
                }
                return new Snapshot(sessions);
            case 2:
                return new Opened(readEntry(in, from));
            case 3:
                return new Closed(in.readUTF());
            case 4:
                return new Call(in.readLong(), Operation.values()[in.readUnsignedByte()], in.readUTF(), in.readLong(),
                        in.readLong(), readBytes(in));
            case 5:
                return new Result(in.readLong(), Outcome.values()[in.readUnsignedByte()], in.readUTF(),
                        readBytes(in));
            default:
                throw new IOException("a message of unknown kind " + kind);
        }
    }

    private static void writeEntry(DataOutputStream out, SessionEntry entry) throws IOException {
        out.writeUTF(entry.id());
        out.writeInt(entry.port());
        writeAddress(out, entry.remoteAddress());
        writeAddress(out, entry.localAddress());
        out.writeLong(entry.openedAt().toEpochMilli());
        out.writeUTF(entry.charset().name());
        out.writeInt(entry.peerCertificates().size());
        for (X509Certificate certificate : entry.peerCertificates()) {
            try {
                writeBytes(out, certificate.getEncoded());
            } catch (GeneralSecurityException e) {
                throw new IOException("Cannot encode the certificate of " + certificate.getSubjectX500Principal(), e);
            }
        }
        out.writeLong(entry.writeTimeoutMillis());
        writeTraffic(out, entry.traffic());
    }

    private static SessionEntry readEntry(DataInputStream in, ClusterMember from) throws IOException {
        String id = in.readUTF();
        int port = in.readInt();
        InetSocketAddress remote = readAddress(in);
        InetSocketAddress local = readAddress(in);
        Instant openedAt = Instant.ofEpochMilli(in.readLong());
        Charset charset = Charset.forName(in.readUTF());
        int certificates = in.readInt();
        List<X509Certificate> chain = new ArrayList<>(Math.min(certificates, 16));
        for (int i = 0; i < certificates; i++) {
            try {
                chain.add((X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(readBytes(in))));
            } catch (GeneralSecurityException e) {
                throw new IOException("Cannot read a certificate of session " + id, e);
            }
        }
        return new SessionEntry(id, port, from, remote, local, openedAt, charset, List.copyOf(chain), in.readLong(),
                readTraffic(in));
    }

    private static void writeTraffic(DataOutputStream out, TcpSessionTraffic traffic) throws IOException {
        out.writeLong(traffic.framesIn());
        out.writeLong(traffic.bytesIn());
        out.writeLong(traffic.framesOut());
        out.writeLong(traffic.bytesOut());
        out.writeLong(traffic.lastActivity().toEpochMilli());
    }

    private static TcpSessionTraffic readTraffic(DataInputStream in) throws IOException {
        return new TcpSessionTraffic(in.readLong(), in.readLong(), in.readLong(), in.readLong(),
                Instant.ofEpochMilli(in.readLong()));
    }

    // the address as bytes: reading it back never asks a name server
    private static void writeAddress(DataOutputStream out, InetSocketAddress address) throws IOException {
        out.writeUTF(address.getHostString());
        writeBytes(out, address.getAddress() == null ? new byte[0] : address.getAddress().getAddress());
        out.writeInt(address.getPort());
    }

    private static InetSocketAddress readAddress(DataInputStream in) throws IOException {
        String host = in.readUTF();
        byte[] address = readBytes(in);
        int port = in.readInt();
        return address.length == 0 ? InetSocketAddress.createUnresolved(host, port)
                : new InetSocketAddress(InetAddress.getByAddress(host, address), port);
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException("a field of " + length + " bytes where " + in.available() + " are left");
        }
        return in.readNBytes(length);
    }
}
