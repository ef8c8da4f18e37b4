package io.github.tcpadapter.inbound.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.resource.spi.InvalidPropertyException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressRangesTest {

    private static boolean contains(String ranges, String address) throws Exception {
        return AddressRanges.parse("allowedClients", ranges, null).contains(InetAddress.getByName(address));
    }

    @ParameterizedTest(name = "{1} in {0}: {2}")
    @CsvSource(delimiter = '|', value = {
        "127.0.0.2 | 127.0.0.2 | true",
        "127.0.0.2 | 127.0.0.1 | false",
        "10.0.0.0/8 | 10.255.1.2 | true",
        "10.0.0.0/8 | 11.0.0.1 | false",
        "192.168.1.0/25 | 192.168.1.127 | true",
        "192.168.1.0/25 | 192.168.1.128 | false",
        "0.0.0.0/0 | 203.0.113.9 | true",
        "0.0.0.0/0 | ::1 | false",
        "::1 | ::1 | true",
        "::1 | 127.0.0.1 | false",
        "2001:db8::/32 | 2001:db8:ffff::1 | true",
        "2001:db8::/32 | 2001:db9::1 | false",
        "fe80::/10 | febf::1 | true",
        "fe80::/10 | fec0::1 | false",
        "10.0.0.0/8 | ::ffff:10.1.2.3 | true",
        "::ffff:10.1.2.3 | 10.1.2.3 | true",
        "  10.0.0.1 ,, 2001:db8::1 ,  | 2001:db8::1 | true",
    })
    void matchesAddressesAndRangesOfBothFamilies(String ranges, String address, boolean expected) throws Exception {
        assertThat(contains(ranges, address)).isEqualTo(expected);
    }

    @Test
    void unsetMeansWhatTheCallerSays() throws Exception {
        assertThat(AddressRanges.parse("allowedClients", " ", AddressRanges.ANY)).isSameAs(AddressRanges.ANY);
        assertThat(AddressRanges.ANY.contains(InetAddress.getByName("203.0.113.1"))).isTrue();
        assertThat(AddressRanges.parse("proxyTrustedAddresses", null, null)).isNull();
    }

    @Test
    void showsItsEntriesAsGiven() throws Exception {
        assertThat(AddressRanges.parse("allowedClients", "10.0.0.0/8,  ::1", null)).hasToString("10.0.0.0/8, ::1");
        assertThat(AddressRanges.ANY).hasToString("any");
    }

    @Test
    void refusesHostNamesWithoutLookingThemUp() {
        assertThatThrownBy(() -> AddressRanges.parse("allowedClients", "localhost", null))
                .isInstanceOf(InvalidPropertyException.class)
                .hasMessage("Invalid configuration property allowedClients ('localhost'): localhost is not an IPv4 or "
                        + "IPv6 address, nor a CIDR range such as 10.0.0.0/8 or 2001:db8::/32");
        assertThatThrownBy(() -> AddressRanges.parse("allowedClients", "10.0.0.256", null))
                .hasMessageContaining("10.0.0.256 is not");
        assertThatThrownBy(() -> AddressRanges.parse("allowedClients", "10.0.0.0/x", null))
                .hasMessageContaining("the prefix length of 10.0.0.0/x must be between 0 and 32");
    }

    @Test
    void anUnknownAddressIsNotContained() throws UnknownHostException, InvalidPropertyException {
        assertThat(AddressRanges.parse("allowedClients", "10.0.0.1", null).contains(InetAddress.getByName("::")))
                .isFalse();
    }
}
