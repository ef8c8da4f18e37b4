package io.github.tcpadapter.inbound.admission;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import java.util.function.Consumer;

/**
 * Refuses a client's renegotiation: the JDK's engine would run each new handshake a TLS 1.2 client asks for (its
 * switch, {@code jdk.tls.rejectClientInitiatedRenegotiation}, is off by default and for the whole JVM), a key
 * exchange and a signature at the client's will. Ahead of the {@code SslHandler}, it follows the record headers of
 * what the client sends: once the handshake is complete, a handshake record can only start a new handshake (TLS 1.3
 * sends its post-handshake messages as application data), and the connection is closed before the engine sees it.
 */
public final class RenegotiationGuard extends ChannelInboundHandlerAdapter {

    private static final int HEADER_LENGTH = 5;
    private static final byte HANDSHAKE = 22;

    private final SslHandler tls;
    private final Consumer<ChannelHandlerContext> refuse;
    private final byte[] header = new byte[HEADER_LENGTH];
    private int headerBytes;
    private int bodyLeft;

    /**
     * @param tls the connection's TLS handler, which tells whether the handshake is complete
     * @param refuse logs and closes a connection that renegotiates
     */
    public RenegotiationGuard(SslHandler tls, Consumer<ChannelHandlerContext> refuse) {
        this.tls = tls;
        this.refuse = refuse;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf bytes && renegotiates(bytes)) {
            ReferenceCountUtil.release(msg);
            refuse.accept(ctx);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    // walks the record headers in these bytes, skipping the bodies
    private boolean renegotiates(ByteBuf bytes) {
        int end = bytes.writerIndex();
        for (int i = bytes.readerIndex(); i < end; ) {
            if (bodyLeft > 0) {
                int skipped = Math.min(bodyLeft, end - i);
                bodyLeft -= skipped;
                i += skipped;
                continue;
            }
            header[headerBytes++] = bytes.getByte(i++);
            if (headerBytes == HEADER_LENGTH) {
                headerBytes = 0;
                bodyLeft = (header[3] & 0xFF) << 8 | header[4] & 0xFF;
                if (header[0] == HANDSHAKE && tls.handshakeFuture().isSuccess()) {
                    return true;
                }
            }
        }
        return false;
    }
}
