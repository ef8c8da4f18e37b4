package io.github.tcpadapter.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Hl7CorrelationTest {

    private static final String RESULT = "MSH|^~\\&|LAB|HOSP|EHR|HOSP|20261207064500||ORU^R01^ORU_R01|MSG00042|P|"
            + "2.5.1\r"
            + "PID|1||123456^^^HOSP^MR||DOE^JANE\r"
            + "OBR|1||LAB1|88304^Glucose\r"
            + "OBX|1|NM|2345-7^Glucose^LN||98|mg/dL|70-105|N|||F\r";
    private static final String ACK = "MSH|^~\\&|EHR|HOSP|LAB|HOSP|20261207064501||ACK^R01^ACK|ACK00077|P|2.5.1\r"
            + "MSA|AA|MSG00042\r";

    private final Hl7Correlation hl7 = new Hl7Correlation();

    @Test
    void aResultAndItsAcknowledgementShareTheControlId() {
        assertThat(hl7.requestKey(bytes(RESULT))).contains("MSG00042");
        assertThat(hl7.replyKey(bytes(ACK))).contains("MSG00042");
    }

    @Test
    void customSeparatorsAreHonoured() {
        String request = "MSH#$~\\&#LAB#HOSP#EHR#HOSP#20261207064500##ORU$R01#CTRL|7$X#P#2.5\rPID#1\r";
        String reply = "MSH#$~\\&#EHR#HOSP#LAB#HOSP#20261207064501##ACK#A1#P#2.5\rMSA#AA#CTRL|7$Y#OK\r";

        assertThat(hl7.requestKey(bytes(request))).contains("CTRL\\x7C7");
        assertThat(hl7.replyKey(bytes(reply))).contains("CTRL\\x7C7");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n"})
    void segmentsMayEndWithLfOrCrlf(String end) {
        String ack = ACK.replace("\r", end);

        assertThat(hl7.replyKey(bytes(ack))).contains("MSG00042");
        assertThat(hl7.requestKey(bytes(RESULT.replace("\r", end)))).contains("MSG00042");
    }

    @Test
    void aMessageWithoutMsaAnswersNothing() {
        assertThat(hl7.replyKey(bytes(RESULT))).as("an unsolicited result").isEmpty();
        assertThat(hl7.replyKey(bytes("MSH|^~\\&|A|B|C|D|20261207||ACK|1|P|2.5\rMSAX|AA|MSG00042\r")))
                .as("a segment whose name only starts with MSA").isEmpty();
        assertThat(hl7.replyKey(bytes("MSH|^~\\&|A|B|C|D|20261207||ACK|1|P|2.5\rMSA|AA\r")))
                .as("MSA without MSA-2").isEmpty();
        assertThat(hl7.replyKey(bytes("MSH|^~\\&|A|B|C|D|20261207||ACK|1|P|2.5\rMSA|AA||x\r")))
                .as("an empty MSA-2").isEmpty();
    }

    @Test
    void aControlIdLongerThanHl7AllowsHasNoKey() {
        String longest = "C".repeat(Hl7Correlation.MAX_ID_BYTES);

        assertThat(hl7.replyKey(bytes(ACK.replace("MSG00042", longest)))).contains(longest);
        assertThat(hl7.replyKey(bytes(ACK.replace("MSG00042", longest + "C")))).isEmpty();
        assertThat(hl7.requestKey(bytes(RESULT.replace("MSG00042", longest + "C")))).isEmpty();
    }

    @Test
    void aMessageThatIsNotHl7HasNoKey() {
        assertThat(hl7.requestKey(bytes(""))).isEmpty();
        assertThat(hl7.requestKey(bytes("MSH|"))).isEmpty();
        assertThat(hl7.requestKey(bytes("PID|1||123\rMSH|^~\\&|A|B|C|D|1||ORU|X|P|2.5\r"))).isEmpty();
        assertThat(hl7.requestKey(bytes("MSH|^~\\&|A|B|C|D|1||ORU\r|X|P|2.5\r"))).as("MSH-10 not in MSH").isEmpty();
        assertThat(hl7.replyKey(bytes("\u000BMSH|^~\\&|A|B|C|D|1||ACK|X|P|2.5\rMSA|AA|1\r\u001C\r")))
                .as("an MLLP block the framing did not remove").isEmpty();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
