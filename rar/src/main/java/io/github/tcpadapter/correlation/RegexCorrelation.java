package io.github.tcpadapter.correlation;

import io.github.tcpadapter.api.TcpCorrelation;
import java.nio.charset.Charset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keys a frame by the first capturing group of a regular expression found in its first {@link #SCANNED_BYTES}
 * bytes, decoded with the factory's charset (bytes it cannot decode become U+FFFD). The frame is untrusted and a
 * pattern may backtrack exponentially on some input, so a search may read at most {@link #CHARACTER_READS}
 * characters (reads of the same character counting each time); a search that needs more gives no key, as does one
 * that recurses deeper than the thread's stack allows (a group with alternatives repeated thousands of times), no
 * match or an empty group.
 */
final class RegexCorrelation implements TcpCorrelation {

    /** How much of a frame is searched: keys sit in headers. */
    static final int SCANNED_BYTES = 4096;
    /** How many character reads one search may make: linear patterns on 4096 characters need far fewer. */
    static final int CHARACTER_READS = 1_000_000;

    private final Pattern requestPattern;
    private final Pattern replyPattern;
    private final Charset charset;

    /**
     * @param requestPattern applied to requests, with at least one capturing group
     * @param replyPattern applied to replies, with at least one capturing group
     * @param charset how frames are decoded
     */
    RegexCorrelation(Pattern requestPattern, Pattern replyPattern, Charset charset) {
        this.requestPattern = requestPattern;
        this.replyPattern = replyPattern;
        this.charset = charset;
    }

    @Override
    public Optional<String> requestKey(byte[] request) {
        return key(requestPattern, request);
    }

    @Override
    public Optional<String> replyKey(byte[] frame) {
        return key(replyPattern, frame);
    }

    private Optional<String> key(Pattern pattern, byte[] frame) {
        // the String constructor replaces what the charset cannot decode
        String text = new String(frame, 0, Math.min(frame.length, SCANNED_BYTES), charset);
        Matcher matcher = pattern.matcher(new BoundedText(text));
        try {
            return matcher.find() ? Optional.ofNullable(matcher.group(1)).filter(key -> !key.isEmpty())
                    : Optional.empty();
        } catch (BoundedText.TooManyReads | StackOverflowError e) {
            // java.util.regex recurses once per repetition of some groups: a long frame can exhaust the stack,
            // which unwinds to here holding nothing
            return Optional.empty();
        }
    }

    /** Text that refuses to be read more than {@link #CHARACTER_READS} times. */
    private static final class BoundedText implements CharSequence {

        /** Thrown to stop a search; without a stack trace, it costs little. */
        static final class TooManyReads extends RuntimeException {
            TooManyReads() {
                super(null, null, false, false);
            }
        }

        private final String text;
        private int reads;

        BoundedText(String text) {
            this.text = text;
        }

        @Override
        public char charAt(int index) {
            if (++reads > CHARACTER_READS) {
                throw new TooManyReads();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
