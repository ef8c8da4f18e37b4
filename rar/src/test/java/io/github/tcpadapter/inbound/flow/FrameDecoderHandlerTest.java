package io.github.tcpadapter.inbound.flow;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tcpadapter.framing.FrameDecoder;
import io.github.tcpadapter.framing.LineFraming;
import io.github.tcpadapter.metrics.SummarizedLog;
import io.github.tcpadapter.testing.LogCapture;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FrameDecoderHandlerTest {

    private static final Logger LOG = Logger.getLogger(FrameDecoderHandler.class.getName());
    private static Level savedLevel;

    private final List<Object> events = new ArrayList<>();

    @BeforeAll
    static void quietLogs() {
        savedLevel = LOG.getLevel();
        LOG.setLevel(Level.OFF);
    }

    @AfterAll
    static void restoreLogs() {
        LOG.setLevel(savedLevel);
    }

    @Test
    void framesSplitAcrossReadsComeOutWhole() {
        EmbeddedChannel channel = lines();

        channel.writeInbound(bytes("hel"), bytes("lo\nwor"), bytes("ld\n"));

        assertThat(texts(channel)).containsExactly("hello", "world");
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void everyReadIsReleased() {
        EmbeddedChannel channel = lines();
        ByteBuf partial = bytes("one\ntw");
        ByteBuf rest = bytes("o\n");

        channel.writeInbound(partial, rest);
        channel.close();

        assertThat(texts(channel)).containsExactly("one", "two");
        assertThat(partial.refCnt()).isZero();
        assertThat(rest.refCnt()).isZero();
    }

    @Test
    void whileReadingIsPausedBytesAreHeldUntilDecodeMore() {
        EmbeddedChannel channel = lines();
        channel.config().setAutoRead(false);

        channel.writeInbound(bytes("a\nb\n"));
        assertThat(texts(channel)).isEmpty();

        channel.config().setAutoRead(true);
        channel.pipeline().fireUserEventTriggered(FrameDecoderHandler.DECODE_MORE);
        assertThat(texts(channel)).containsExactly("a", "b");
    }

    @Test
    void pausingInTheMiddleOfAReadStopsDecodingThere() {
        EmbeddedChannel channel = new EmbeddedChannel(handler(new LineFraming(16).newDecoder()),
                new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ctx.channel().config().setAutoRead(false); // a full queue after every frame
                        ctx.fireChannelRead(msg);
                    }
                });

        channel.writeInbound(bytes("1\n2\n3\n"));
        assertThat(texts(channel)).containsExactly("1");

        channel.config().setAutoRead(true);
        channel.pipeline().fireUserEventTriggered(FrameDecoderHandler.DECODE_MORE);
        assertThat(texts(channel)).containsExactly("2");
    }

    @Test
    void closingDecodesWhatIsHeldEvenWhilePaused() {
        EmbeddedChannel channel = lines();
        channel.config().setAutoRead(false);
        channel.writeInbound(bytes("x\ny\n"));

        channel.close();

        assertThat(texts(channel)).containsExactly("x", "y");
    }

    @Test
    void aFrameCutShortByTheEndOfTheStreamClosesTheChannel() {
        EmbeddedChannel channel = lines();

        channel.writeInbound(bytes("complete\nincompl"));
        channel.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);

        assertThat(texts(channel)).containsExactly("complete");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void theEndOfTheStreamGivesTheDecodersLastFrameOnceBeforeTheEvent() {
        EmbeddedChannel channel = new EmbeddedChannel(handler(new UntilCloseDecoder()),
                new ChannelInboundHandlerAdapter() {
                    @Override
                    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                        events.add(evt);
                    }

                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        events.add(new String((byte[]) msg, UTF_8));
                    }
                });
        channel.writeInbound(bytes("all "), bytes("of it"));

        channel.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        channel.close();

        assertThat(events).containsExactly("all of it", ChannelInputShutdownEvent.INSTANCE);
    }

    @Test
    void aFramingErrorClosesTheChannelAndDropsWhatFollows() {
        EmbeddedChannel channel = lines();
        ByteBuf read = bytes("fine\n" + "x".repeat(20) + "\nlate\n");

        channel.writeInbound(read);

        assertThat(texts(channel)).containsExactly("fine");
        assertThat(channel.isOpen()).isFalse();
        assertThat(read.refCnt()).isZero();
    }

    @Test
    void aPartialFrameIsAFaultOnlyWhenTheClientEndsTheStream() {
        Logger logger = Logger.getLogger(FrameDecoderHandlerTest.class.getName());
        try (LogCapture log = LogCapture.install(logger, Level.WARNING)) {
            EmbeddedChannel closedByUs = new EmbeddedChannel(
                    handler(new LineFraming(16).newDecoder(), () -> true, logger));
            closedByUs.writeInbound(bytes("half a li"));
            closedByUs.close();
            assertThat(log.records).isEmpty();

            EmbeddedChannel closedByClient = new EmbeddedChannel(
                    handler(new LineFraming(16).newDecoder(), () -> false, logger));
            closedByClient.writeInbound(bytes("half a li"));
            closedByClient.close();
            assertThat(log.lines(Level.WARNING)).singleElement().asString().contains("stream ended inside a frame");
        }
    }

    // unbounded, so the budget never pauses reading here
    static FrameDecoderHandler handler(FrameDecoder decoder) {
        return handler(decoder, () -> false, LOG);
    }

    private static FrameDecoderHandler handler(FrameDecoder decoder, BooleanSupplier closedHere, Logger logger) {
        return new FrameDecoderHandler(decoder, new ByteBudget(Long.MAX_VALUE, () -> 1).open(null, Runnable::run),
                new SummarizedLog(logger, Level.WARNING, "test", "framing errors"), closedHere);
    }

    private static EmbeddedChannel lines() {
        return new EmbeddedChannel(handler(new LineFraming(16).newDecoder()));
    }

    private static ByteBuf bytes(String text) {
        return Unpooled.copiedBuffer(text, UTF_8);
    }

    private static List<String> texts(EmbeddedChannel channel) {
        List<String> texts = new ArrayList<>();
        for (byte[] frame = channel.readInbound(); frame != null; frame = channel.readInbound()) {
            texts.add(new String(frame, UTF_8));
        }
        return texts;
    }

    /** A decoder whose one frame is everything until the end of the stream. */
    private static final class UntilCloseDecoder implements FrameDecoder {

        private final ByteArrayOutputStream all = new ByteArrayOutputStream();
        private boolean ended;

        @Override
        public byte[] decode(ByteBuffer in) {
            while (in.hasRemaining()) {
                all.write(in.get());
            }
            return null;
        }

        @Override
        public int pendingBytes() {
            return all.size();
        }

        @Override
        public byte[] endOfStream() {
            assertThat(ended).as("endOfStream called twice").isFalse();
            ended = true;
            return all.toByteArray();
        }
    }
}
