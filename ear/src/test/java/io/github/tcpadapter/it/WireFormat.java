package io.github.tcpadapter.it;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The wire formats as the container tests configure and write them (RAW twice: a frame per read, and a frame
 * until the peer closes): each format's properties, and its wire bytes written out by hand (not by the adapter's classes, which are not on the tests' class path and would
 * only agree with themselves).
 */
enum WireFormat {

    LINE(Map.of("framing", "LINE")) {
        @Override
        byte[] frame(byte[] payload) {
            return concat(payload, new byte[] {'\n'});
        }
    },
    CRLF(Map.of("framing", "CRLF")) {
        @Override
        byte[] frame(byte[] payload) {
            return concat(payload, new byte[] {'\r', '\n'});
        }
    },
    /** NUL-terminated, with the delimiter written as an escape. */
    DELIMITER(Map.of("framing", "DELIMITER", "delimiter", "\\0")) {
        @Override
        byte[] frame(byte[] payload) {
            return concat(payload, new byte[] {0});
        }
    },
    /** The default markers, STX and ETX. */
    STX_ETX(Map.of("framing", "STX_ETX")) {
        @Override
        byte[] frame(byte[] payload) {
            return concat(new byte[] {0x02}, payload, new byte[] {0x03});
        }
    },
    MLLP(Map.of("framing", "MLLP")) {
        @Override
        byte[] frame(byte[] payload) {
            return concat(new byte[] {0x0B}, payload, new byte[] {0x1C, 0x0D});
        }
    },
    /** Four zero-padded ASCII digits, as ISO 8583 ASCII channels use. */
    LENGTH_PREFIXED(Map.of("framing", "LENGTH_PREFIXED", "lengthHeaderBytes", "4",
            "lengthHeaderEncoding", "ASCII")) {
        @Override
        byte[] frame(byte[] payload) {
            return concat("%04d".formatted(payload.length).getBytes(StandardCharsets.US_ASCII), payload);
        }
    },
    /** Five bytes a frame: the length of the tests' requests and answers. */
    FIXED(Map.of("framing", "FIXED", "fixedLength", "5")) {
        @Override
        byte[] frame(byte[] payload) {
            return payload.clone();
        }
    },
    RAW(Map.of("framing", "RAW")) {
        @Override
        byte[] frame(byte[] payload) {
            return payload.clone();
        }
    },
    /** A frame is all the peer sends before it closes its side. */
    RAW_UNTIL_CLOSE(Map.of("framing", "RAW", "rawUntilClose", "true")) {
        @Override
        byte[] frame(byte[] payload) {
            return payload.clone();
        }

        @Override
        boolean endsByClose() {
            return true;
        }
    };

    private final Map<String, String> properties;

    WireFormat(Map<String, String> properties) {
        this.properties = properties;
    }

    /** @return the framing properties that select this format, for an activation or a connection factory */
    Map<String, String> properties() {
        return properties;
    }

    /** @return the payload as this format puts it on the wire */
    abstract byte[] frame(byte[] payload);

    /** @return whether a frame ends only when its sender closes its side of the connection */
    boolean endsByClose() {
        return false;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
