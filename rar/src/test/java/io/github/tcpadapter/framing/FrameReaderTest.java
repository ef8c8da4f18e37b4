package io.github.tcpadapter.framing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameReaderTest {

    private final LineFraming framing = new LineFraming(16);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"whole", "one byte per read"})
    void readsEveryFrameWhateverTheReadSizes(String reads) throws Exception {
        byte[] stream = bytes("one\ntwo\r\n\nthree\n");
        FrameReader reader = reader(reads.equals("whole")
                ? new ByteArrayInputStream(stream)
                : new OneByteInputStream(stream));

        assertThat(reader.read()).isEqualTo(bytes("one"));
        assertThat(reader.read()).isEqualTo(bytes("two"));
        assertThat(reader.read()).isEqualTo(new byte[0]);
        assertThat(reader.read()).isEqualTo(bytes("three"));
        assertThat(reader.read()).isNull();
    }

    @Test
    void returnsNullAtCleanEofOfAnEmptyStream() throws Exception {
        assertThat(reader(new ByteArrayInputStream(new byte[0])).read()).isNull();
    }

    @Test
    void returnsNullAgainAfterEof() throws Exception {
        FrameReader reader = reader(new ByteArrayInputStream(bytes("x\n")));
        assertThat(reader.read()).isEqualTo(bytes("x"));
        assertThat(reader.read()).isNull();
        assertThat(reader.read()).isNull();
    }

    @Test
    void throwsAtEofInsideAFrame() throws Exception {
        FrameReader reader = reader(new ByteArrayInputStream(bytes("done\npartial")));

        assertThat(reader.read()).isEqualTo(bytes("done"));
        assertThatThrownBy(reader::read)
                .isInstanceOf(FramingException.class)
                .hasMessageContaining("stream ended inside a frame")
                .hasMessageContaining("7 bytes");
    }

    @Test
    void throwsAtEofAfterALoneCr() {
        FrameReader reader = reader(new OneByteInputStream(bytes("\r")));
        assertThatThrownBy(reader::read).isInstanceOf(FramingException.class);
    }

    @Test
    void throwsOnAnOverlongLine() {
        FrameReader reader = reader(new ByteArrayInputStream(bytes("x".repeat(100) + "\n")));
        assertThatThrownBy(reader::read)
                .isInstanceOf(FramingException.class)
                .hasMessageContaining("maxFrameLength 16");
    }

    @Test
    void bytesAfterAFrameAreKeptForTheNextRead() throws Exception {
        ChunkedInputStream in = new ChunkedInputStream();
        in.chunk("one\ntw").chunk("o\nthree\nfo").chunk("ur\n");
        FrameReader reader = reader(in);

        assertThat(reader.read()).isEqualTo(bytes("one"));
        assertThat(in.reads).isEqualTo(1);
        assertThat(reader.read()).isEqualTo(bytes("two"));
        assertThat(in.reads).isEqualTo(2);
        assertThat(reader.read()).as("served from the bytes already read").isEqualTo(bytes("three"));
        assertThat(in.reads).isEqualTo(2);
        assertThat(reader.read()).isEqualTo(bytes("four"));
        assertThat(in.reads).isEqualTo(3);
        assertThat(reader.read()).isNull();
    }

    @Test
    void aReadTimeoutLosesNothing() throws Exception {
        ChunkedInputStream in = new ChunkedInputStream();
        in.chunk("hel").timeout().chunk("lo\nnext\n");
        FrameReader reader = reader(in);

        assertThatThrownBy(reader::read).isInstanceOf(SocketTimeoutException.class);
        assertThat(reader.read()).isEqualTo(bytes("hello"));
        assertThat(reader.read()).isEqualTo(bytes("next"));
        assertThat(reader.read()).isNull();
    }

    @Test
    void rawUntilCloseReturnsEverythingAtEndOfStreamThenNull() throws Exception {
        ChunkedInputStream in = new ChunkedInputStream();
        in.chunk("first part, ").chunk("second part");
        FrameReader reader = new FrameReader(in, new RawFraming(64, true).newDecoder());

        assertThat(reader.read()).isEqualTo(bytes("first part, second part"));
        assertThat(in.reads).as("returned only once the stream ended").isEqualTo(3);
        assertThat(reader.read()).isNull();
    }

    @Test
    void rawUntilCloseFailsAsSoonAsTheStreamPassesTheLimit() {
        ChunkedInputStream in = new ChunkedInputStream();
        in.chunk("12345678").chunk("9").chunk("never read");
        FrameReader reader = new FrameReader(in, new RawFraming(8, true).newDecoder());

        assertThatThrownBy(reader::read)
                .isInstanceOf(FramingException.class)
                .hasMessageContaining("more than maxFrameLength 8 bytes before the peer closed");
        assertThat(in.reads).isEqualTo(2);
    }

    @Test
    void rawPerReadReturnsEachRead() throws Exception {
        ChunkedInputStream in = new ChunkedInputStream();
        in.chunk("one").chunk("two");
        FrameReader reader = new FrameReader(in, new RawFraming(64, false).newDecoder());

        assertThat(reader.read()).isEqualTo(bytes("one"));
        assertThat(reader.read()).isEqualTo(bytes("two"));
        assertThat(reader.read()).isNull();
    }

    private FrameReader reader(InputStream in) {
        return new FrameReader(in, framing.newDecoder());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    /** Returns at most one byte per read call. */
    private static final class OneByteInputStream extends InputStream {

        private final byte[] data;
        private int position;

        OneByteInputStream(byte[] data) {
            this.data = data;
        }

        @Override
        public int read() {
            return position < data.length ? data[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            int next = read();
            if (next < 0) {
                return -1;
            }
            b[off] = (byte) next;
            return 1;
        }
    }

    /** Returns one scripted chunk per read call (or throws a scripted read timeout), then EOF. */
    private static final class ChunkedInputStream extends InputStream {

        private final Deque<byte[]> chunks = new ArrayDeque<>();
        private final Deque<Boolean> timeouts = new ArrayDeque<>();
        int reads;

        ChunkedInputStream chunk(String text) {
            chunks.add(bytes(text));
            timeouts.add(false);
            return this;
        }

        ChunkedInputStream timeout() {
            chunks.add(new byte[0]);
            timeouts.add(true);
            return this;
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException("FrameReader reads into arrays");
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            reads++;
            if (chunks.isEmpty()) {
                return -1;
            }
            byte[] chunk = chunks.remove();
            if (timeouts.remove()) {
                throw new SocketTimeoutException("Read timed out");
            }
            assertThat(len).isGreaterThanOrEqualTo(chunk.length);
            System.arraycopy(chunk, 0, b, off, chunk.length);
            return chunk.length;
        }
    }
}
