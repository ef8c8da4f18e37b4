package io.github.tcpadapter.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Iso8583CorrelationTest {

    private static final int[] STAN_AND_TERMINAL = {11, 41};
    private final Iso8583Correlation binary = new Iso8583Correlation(0, STAN_AND_TERMINAL, Iso8583Bitmap.BINARY,
            Iso8583Encoding.ASCII);
    private final Iso8583Correlation hex = new Iso8583Correlation(0, STAN_AND_TERMINAL, Iso8583Bitmap.HEX,
            Iso8583Encoding.ASCII);

    /** A purchase: PAN (LLVAR), processing code, amount, transmission time, then STAN, track 2 (LLVAR), terminal. */
    static Iso8583Messages purchase(String mti, String stan, String terminal) {
        return Iso8583Messages.ascii(mti)
                .field(2, "164111111111111111")
                .field(3, "000000")
                .field(4, "000000001000")
                .field(7, "1207064500")
                .field(11, stan)
                .field(35, "244111111111111111=2512101")
                .field(41, terminal)
                .field(49, "978");
    }

    /** Its approval: the same fields with an authorization code and a response code, no track 2. */
    static Iso8583Messages approval(String mti, String stan, String terminal) {
        return Iso8583Messages.ascii(mti)
                .field(2, "164111111111111111")
                .field(3, "000000")
                .field(4, "000000001000")
                .field(7, "1207064501")
                .field(11, stan)
                .field(38, "A1B2C3")
                .field(39, "00")
                .field(41, terminal)
                .field(49, "978");
    }

    @Test
    void aRequestAndItsResponseWithBinaryBitmapsShareTheMtiClassStanAndTerminal() {
        byte[] request = purchase("0200", "000123", "TERM0001").binary();
        byte[] reply = approval("0210", "000123", "TERM0001").binary();

        assertThat(binary.requestKey(request)).contains("020|11=000123|41=TERM0001");
        assertThat(binary.replyKey(reply)).isEqualTo(binary.requestKey(request));
    }

    @Test
    void aHandWrittenMessageGivesItsKey() {
        // 0200, primary bitmap 0x2020000000800000: fields 3, 11 and 41
        byte[] message = concat("0200".getBytes(StandardCharsets.US_ASCII),
                HexFormat.of().parseHex("2020000000800000"),
                "000000000777TERM0042".getBytes(StandardCharsets.US_ASCII));

        assertThat(binary.requestKey(message)).contains("020|11=000777|41=TERM0042");
    }

    @Test
    void aHeaderBeforeTheMtiIsSkipped() {
        byte[] tpdu = {0x60, 0x00, 0x01, 0x00, 0x00};
        byte[] request = concat(tpdu, purchase("0200", "000123", "TERM0001").binary());
        byte[] reply = concat(new byte[] {0x60, 0x00, 0x00, 0x00, 0x01},
                approval("0210", "000123", "TERM0001").binary());
        Iso8583Correlation afterTpdu = new Iso8583Correlation(5, STAN_AND_TERMINAL, Iso8583Bitmap.BINARY,
                Iso8583Encoding.ASCII);

        assertThat(afterTpdu.requestKey(request)).contains("020|11=000123|41=TERM0001");
        assertThat(afterTpdu.replyKey(reply)).contains("020|11=000123|41=TERM0001");
        assertThat(binary.requestKey(request)).as("the header read as an MTI").isEmpty();
        assertThat(afterTpdu.requestKey(tpdu)).as("a header alone").isEmpty();
    }

    @Test
    void hexBitmapsGiveTheSameKeys() {
        byte[] request = purchase("0200", "000123", "TERM0001").hex();
        byte[] reply = approval("0210", "000123", "TERM0001").hex();

        assertThat(new String(request, 4, 16, StandardCharsets.US_ASCII)).isEqualTo("7220000020808000");
        assertThat(hex.requestKey(request)).contains("020|11=000123|41=TERM0001");
        assertThat(hex.replyKey(reply)).isEqualTo(hex.requestKey(request));
    }

    @Test
    void aSecondaryBitmapIsSkippedOrRead() {
        Iso8583Messages echo = Iso8583Messages.ascii("0800").field(7, "1207064500").field(11, "000045")
                .field(70, "301");
        Iso8583Messages echoed = Iso8583Messages.ascii("0810").field(7, "1207064500").field(11, "000045")
                .field(39, "00").field(70, "301");
        Iso8583Correlation byStanAndCode = new Iso8583Correlation(0, new int[] {11, 70}, Iso8583Bitmap.BINARY,
                Iso8583Encoding.ASCII);

        assertThat(byStanAndCode.requestKey(echo.binary())).contains("080|11=000045|70=301");
        assertThat(byStanAndCode.replyKey(echoed.binary())).contains("080|11=000045|70=301");
        assertThat(new Iso8583Correlation(0, new int[] {11, 70}, Iso8583Bitmap.HEX, Iso8583Encoding.ASCII)
                .replyKey(echoed.hex())).contains("080|11=000045|70=301");
        assertThat(binary.requestKey(purchase("0200", "000123", "TERM0001").field(102, "06ACC001").binary()))
                .contains("020|11=000123|41=TERM0001");
    }

    @ParameterizedTest
    @CsvSource({"0100, 0110", "0200, 0210", "0201, 0210", "0220, 0230", "0221, 0230", "0400, 0410",
        "0420, 0430", "0421, 0430", "0800, 0810", "1200, 1210", "0202, 0212"})
    void requestAndResponseMtisShareTheirClass(String request, String response) {
        assertThat(binary.replyKey(approval(response, "000123", "TERM0001").binary()))
                .isEqualTo(binary.requestKey(purchase(request, "000123", "TERM0001").binary()));
    }

    @ParameterizedTest
    @CsvSource({"0200, 0400", "0200, 0220", "0100, 0200", "0200, 1200", "0400, 0420", "0280, 0290"})
    void differentClassesOrFieldsGiveDifferentKeys(String one, String other) {
        assertThat(binary.requestKey(purchase(one, "000123", "TERM0001").binary()))
                .isNotEqualTo(binary.requestKey(purchase(other, "000123", "TERM0001").binary()));
        assertThat(binary.requestKey(purchase(one, "000123", "TERM0001").binary()))
                .isNotEqualTo(binary.requestKey(purchase(one, "000124", "TERM0001").binary()))
                .isNotEqualTo(binary.requestKey(purchase(one, "000123", "TERM0002").binary()));
    }

    @Test
    void packedNumericsAreReadInBcd() {
        HexFormat hexFormat = HexFormat.of();
        Iso8583Messages request = Iso8583Messages.bcd("0200")
                .field(2, hexFormat.parseHex("164111111111111111"))
                .field(3, hexFormat.parseHex("000000"))
                .field(11, hexFormat.parseHex("000123"))
                .field(35, hexFormat.parseHex("244111111111111111D2512101"))
                .field(36, hexFormat.parseHex("00030123"))
                .field(41, "TERM0001");
        Iso8583Messages reply = Iso8583Messages.bcd("0210")
                .field(3, hexFormat.parseHex("000000"))
                .field(11, hexFormat.parseHex("000123"))
                .field(39, "00")
                .field(41, "TERM0001");
        Iso8583Correlation bcd = new Iso8583Correlation(0, STAN_AND_TERMINAL, Iso8583Bitmap.BINARY,
                Iso8583Encoding.BCD);

        assertThat(bcd.requestKey(request.binary())).contains("020|11=000123|41=TERM0001");
        assertThat(bcd.replyKey(reply.binary())).contains("020|11=000123|41=TERM0001");
        assertThat(bcd.requestKey(Iso8583Messages.bcd("020A").field(11, hexFormat.parseHex("000123"))
                .field(41, "TERM0001").binary())).as("a packed MTI that is not digits").isEmpty();
    }

    @Test
    void bytesThatCouldForgeAKeyAreEscaped() {
        byte[] request = purchase("0200", "000123", "T|41=X\\\n").binary();

        assertThat(binary.requestKey(request)).contains("020|11=000123|41=T\\x7C41=X\\x5C\\x0A");
    }

    @Test
    void malformedMessagesHaveNoKey() {
        byte[] good = purchase("0200", "000123", "TERM0001").binary();
        byte[] goodHex = purchase("0200", "000123", "TERM0001").hex();

        assertThat(binary.requestKey(new byte[0])).as("empty").isEmpty();
        assertThat(binary.requestKey(Arrays.copyOf(good, 10))).as("bitmap cut short").isEmpty();
        assertThat(binary.requestKey(Arrays.copyOf(good, good.length - 6))).as("terminal id cut short").isEmpty();
        assertThat(binary.requestKey(replace(good, 0, "02X0"))).as("MTI not digits").isEmpty();
        assertThat(hex.requestKey(replace(goodHex, 7, "G"))).as("bitmap not hexadecimal").isEmpty();
        assertThat(binary.requestKey(replace(good, 12, "1A"))).as("LL prefix not digits").isEmpty();
        assertThat(binary.requestKey(replace(good, 12, "20"))).as("PAN longer than 19").isEmpty();
        assertThat(binary.replyKey(Iso8583Messages.ascii("0210").field(11, "000123").field(39, "00").binary()))
                .as("terminal id missing").isEmpty();
        assertThat(binary.requestKey(Iso8583Messages.ascii("0200").field(41, "TERM0001").field(99, "0212")
                .binary())).as("STAN missing, secondary bitmap").isEmpty();
    }

    private static byte[] replace(byte[] message, int at, String text) {
        byte[] copy = message.clone();
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, copy, at, bytes.length);
        return copy;
    }

    private static byte[] concat(byte[]... parts) {
        byte[] all = new byte[Arrays.stream(parts).mapToInt(p -> p.length).sum()];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
