package io.github.tcpadapter.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ByteRangeAndRegexCorrelationTest {

    @Test
    void aByteRangeIsTheSameInRequestAndReply() {
        ByteRangeCorrelation range = new ByteRangeCorrelation(2, 3);

        assertThat(range.requestKey(new byte[] {9, 9, 0x01, (byte) 0xAB, 0x7F, 1})).contains("01AB7F");
        assertThat(range.replyKey(new byte[] {0, 0, 0x01, (byte) 0xAB, 0x7F})).contains("01AB7F");
        assertThat(range.replyKey(new byte[] {0, 0, 0x01, (byte) 0xAB})).as("one byte short").isEmpty();
        assertThat(range.replyKey(new byte[0])).isEmpty();
    }

    @Test
    void theFirstGroupIsTheKey() {
        Pattern id = Pattern.compile("\"id\":\"([^\"]*)\"");
        RegexCorrelation regex = new RegexCorrelation(id, id, StandardCharsets.UTF_8);

        assertThat(regex.requestKey(utf8("{\"op\":\"pay\",\"id\":\"ä-17\"}"))).contains("ä-17");
        assertThat(regex.replyKey(utf8("{\"id\":\"ä-17\",\"status\":\"ok\"}"))).contains("ä-17");
        assertThat(regex.replyKey(utf8("{\"event\":\"alarm\"}"))).as("no match").isEmpty();
        assertThat(regex.replyKey(utf8("{\"id\":\"\"}"))).as("an empty group").isEmpty();
    }

    @Test
    void repliesMayHaveTheirOwnPatternAndFramesTheirCharset() {
        RegexCorrelation regex = new RegexCorrelation(Pattern.compile("^REQ (\\S+)"),
                Pattern.compile("^(?:ACK|NAK) (\\S+)"), StandardCharsets.ISO_8859_1);

        assertThat(regex.requestKey("REQ Ü42 x".getBytes(StandardCharsets.ISO_8859_1))).contains("Ü42");
        assertThat(regex.replyKey("NAK Ü42".getBytes(StandardCharsets.ISO_8859_1))).contains("Ü42");
        assertThat(regex.replyKey("REQ Ü42".getBytes(StandardCharsets.ISO_8859_1))).isEmpty();
    }

    @Test
    void onlyTheFirstBytesAreSearched() {
        Pattern key = Pattern.compile("KEY=(\\d+)");
        RegexCorrelation regex = new RegexCorrelation(key, key, StandardCharsets.US_ASCII);
        String padding = "x".repeat(RegexCorrelation.SCANNED_BYTES - "KEY=12".length());

        assertThat(regex.replyKey(utf8(padding + "KEY=12"))).contains("12");
        assertThat(regex.replyKey(utf8(padding + "xxxxKEY=12"))).as("the key past the scanned bytes").isEmpty();
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // without the bound, the search never ends
    void aPatternThatBacktracksWithoutEndGivesUpWithoutAKey() {
        // nested quantifiers with a back reference, which Java's memo of failed loop positions does not cover: on a
        // run of 'a' without the final 'b' the search takes exponential time (10 s for 24 characters, unbounded)
        Pattern catastrophic = Pattern.compile("^((a+)\\2?)+b");
        RegexCorrelation regex = new RegexCorrelation(catastrophic, catastrophic, StandardCharsets.US_ASCII);

        assertThat(regex.replyKey(utf8("a".repeat(64) + "!"))).isEmpty();
        assertThat(regex.replyKey(utf8("aaab"))).contains("aaa");
    }

    @Test
    void aPatternThatRecursesTooDeepGivesNoKey() {
        // Java's regex recurses once per repetition of a group with alternatives: 4096 of them overflow the stack
        Pattern recursive = Pattern.compile("^((?:a|b)*)!");
        RegexCorrelation regex = new RegexCorrelation(recursive, recursive, StandardCharsets.US_ASCII);

        assertThat(regex.replyKey(utf8("ab".repeat(RegexCorrelation.SCANNED_BYTES / 2 - 1) + "!"))).isEmpty();
        assertThat(regex.replyKey(utf8("abba!"))).contains("abba");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
