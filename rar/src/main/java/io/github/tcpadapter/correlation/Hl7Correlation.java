package io.github.tcpadapter.correlation;

import io.github.tcpadapter.api.TcpCorrelation;
import java.util.Optional;

/**
 * Keys an HL7 v2 message: a request by its message control id (MSH-10), a reply by the id it acknowledges (MSA-2).
 * The message must start with {@code MSH}; its fourth byte is the field separator and the first character of MSH-2
 * the component separator, so custom encoding characters work. Segments end with CR, LF or CRLF. The key is the
 * first component of the field, its bytes read as ASCII (others escaped, {@link KeyText}); an empty field or one
 * longer than {@link #MAX_ID_BYTES}, a message that does not start with MSH, or a reply without an MSA segment has
 * no key. Frames arrive without their MLLP bytes, which the framing removes.
 */
final class Hl7Correlation implements TcpCorrelation {

    /** The longest control id HL7 allows (199 since v2.7, 20 before): a longer one, from a hostile peer, has no key. */
    static final int MAX_ID_BYTES = 199;
    private static final int CONTROL_ID = 10;
    private static final int ACKNOWLEDGED_ID = 2;

    @Override
    public Optional<String> requestKey(byte[] request) {
        return Encoding.of(request).flatMap(encoding -> encoding.field(request, 0, CONTROL_ID - 1));
    }

    @Override
    public Optional<String> replyKey(byte[] frame) {
        return Encoding.of(frame).flatMap(encoding -> {
            for (int segment = 0; segment < frame.length; segment = nextSegment(frame, segment)) {
                if (encoding.isSegment(frame, segment, "MSA")) {
                    return encoding.field(frame, segment, ACKNOWLEDGED_ID);
                }
            }
            return Optional.empty();
        });
    }

    /** @return where the segment after the one starting at {@code position} starts, or the message's length */
    private static int nextSegment(byte[] message, int position) {
        int i = position;
        while (i < message.length && !isSegmentEnd(message[i])) {
            i++;
        }
        while (i < message.length && isSegmentEnd(message[i])) {
            i++;
        }
        return i;
    }

    private static boolean isSegmentEnd(byte b) {
        return b == '\r' || b == '\n';
    }

    /** A message's field and component separators, from its MSH segment. */
    private record Encoding(byte field, byte component) {

        static Optional<Encoding> of(byte[] message) {
            if (message.length < 5 || message[0] != 'M' || message[1] != 'S' || message[2] != 'H'
                    || isSegmentEnd(message[3]) || isSegmentEnd(message[4]) || message[4] == message[3]) {
                return Optional.empty();
            }
            return Optional.of(new Encoding(message[3], message[4]));
        }

        boolean isSegment(byte[] message, int position, String name) {
            if (message.length - position <= name.length() || message[position + name.length()] != field) {
                return false;
            }
            for (int i = 0; i < name.length(); i++) {
                if (message[position + i] != name.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        /**
         * @param index the field's position counting separators from the segment's name; for MSH, whose first
         *              separator is MSH-1, that is the field number less one
         * @return the field's first component, or empty if the segment has no such field or it is empty
         */
        Optional<String> field(byte[] message, int segment, int index) {
            int start = segment;
            for (int separators = 0; separators < index; start++) {
                if (start >= message.length || isSegmentEnd(message[start])) {
                    return Optional.empty();
                }
                if (message[start] == field) {
                    separators++;
                }
            }
            int end = start;
            while (end < message.length && message[end] != field && message[end] != component
                    && !isSegmentEnd(message[end])) {
                end++;
            }
            if (end == start || end - start > MAX_ID_BYTES) {
                return Optional.empty();
            }
            StringBuilder key = new StringBuilder(end - start);
            KeyText.appendText(key, message, start, end);
            return Optional.of(key.toString());
        }
    }
}
