package io.github.tcpadapter.inbound.admission;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Looks at the first bytes of a connection for a PROXY protocol header (v1 text or v2 binary) and hands them to
 * Netty's decoder if one comes from a trusted load balancer. A header from any other address closes the
 * connection, or it could claim any client address; so does a missing header when one is required. Decides within
 * the first twelve bytes, so a direct client's short first frame is not held back.
 */
public final class ProxyHeaderDetector extends ByteToMessageDecoder {

    private static final byte[] V1 = "PROXY ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] V2 = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};

    private final boolean required;
    private final boolean trusted;
    private final ConnectionOpening opening;

    /**
     * @param required whether the connection must start with a header
     * @param trusted whether it comes from a trusted load balancer
     * @param opening told when there is no header
     */
    public ProxyHeaderDetector(boolean required, boolean trusted, ConnectionOpening opening) {
        this.required = required;
        this.trusted = trusted;
        this.opening = opening;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        boolean v1 = startsLike(in, V1);
        boolean v2 = startsLike(in, V2);
        if (!v1 && !v2) {
            if (required) {
                in.skipBytes(in.readableBytes());
                opening.refuse("it sent no PROXY protocol header (proxyProtocol REQUIRED)");
            } else {
                ctx.pipeline().remove(this); // hands the bytes on
                opening.noProxyHeader();
            }
            return;
        }
        if (in.readableBytes() < (v1 ? V1.length : V2.length)) {
            return; // could still be either
        }
        if (!trusted) {
            in.skipBytes(in.readableBytes());
            opening.refuse("it sent a PROXY protocol header but is not in proxyTrustedAddresses");
            return;
        }
        // the pipeline forwards what this decoder holds to its replacement
        ctx.pipeline().replace(this, "proxy-header", new HAProxyMessageDecoder());
    }

    // whether the bytes so far are the signature's start (or all of it)
    private static boolean startsLike(ByteBuf in, byte[] signature) {
        int n = Math.min(in.readableBytes(), signature.length);
        for (int i = 0; i < n; i++) {
            if (in.getByte(in.readerIndex() + i) != signature[i]) {
                return false;
            }
        }
        return true;
    }
}
