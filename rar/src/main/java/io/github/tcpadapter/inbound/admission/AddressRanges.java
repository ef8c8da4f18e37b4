package io.github.tcpadapter.inbound.admission;

import io.github.tcpadapter.config.PropertyCheck;
import jakarta.resource.spi.InvalidPropertyException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A set of IP addresses given as a comma-separated list of addresses and CIDR ranges, IPv4 and IPv6
 * ({@code 10.0.0.0/8, 192.168.1.5, ::1, 2001:db8::/32}): the clients a listener serves, or the load balancers it
 * trusts. An IPv4 client seen as an IPv4-mapped IPv6 address ({@code ::ffff:10.1.2.3}) matches its IPv4 entries.
 */
public final class AddressRanges {

    /** Every address: the ranges of an unset property. */
    public static final AddressRanges ANY = new AddressRanges(null, List.of());

    private final String text;
    private final List<Range> ranges;

    private AddressRanges(String text, List<Range> ranges) {
        this.text = text;
        this.ranges = ranges;
    }

    /**
     * @param property the property's name, for messages
     * @param value the list; {@code null} or blank for {@code whenUnset}
     * @param whenUnset what an unset property means
     * @throws InvalidPropertyException naming the property and the entry that is not an address or range; host
     *     names are refused, since resolving them would make the list change with DNS
     */
    public static AddressRanges parse(String property, String value, AddressRanges whenUnset)
            throws InvalidPropertyException {
        if (value == null || value.isBlank()) {
            return whenUnset;
        }
        List<String> entries = Arrays.stream(value.split(",")).map(String::trim).filter(e -> !e.isEmpty()).toList();
        List<Range> ranges = new ArrayList<>();
        for (String entry : entries) {
            ranges.add(range(property, value, entry));
        }
        return new AddressRanges(String.join(", ", entries), List.copyOf(ranges));
    }

    private static Range range(String property, String value, String entry) throws InvalidPropertyException {
        int slash = entry.indexOf('/');
        String address = slash < 0 ? entry : entry.substring(0, slash);
        byte[] bytes = literal(property, value, address);
        int maxBits = bytes.length * 8;
        int bits = maxBits;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                bits = -1;
            }
            if (bits < 0 || bits > maxBits) {
                throw PropertyCheck.invalid(property, value, "the prefix length of " + entry + " must be between 0 "
                        + "and " + maxBits);
            }
        }
        return new Range(bytes, bits);
    }

    private static byte[] literal(String property, String value, String address) throws InvalidPropertyException {
        // only literals: InetAddress would otherwise look a name up in DNS
        boolean literal = address.contains(":") ? address.matches("[0-9A-Fa-f:.]+")
                : address.matches("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
        if (literal) {
            try {
                return normalized(InetAddress.getByName(address));
            } catch (UnknownHostException e) {
                // falls through to the message below
            }
        }
        throw PropertyCheck.invalid(property, value, address + " is not an IPv4 or IPv6 address, nor a CIDR range "
                + "such as 10.0.0.0/8 or 2001:db8::/32");
    }

    private static byte[] normalized(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address && isIpv4Mapped(bytes)) {
            return Arrays.copyOfRange(bytes, 12, 16);
        }
        return bytes;
    }

    private static boolean isIpv4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    /** @return whether the address is in one of the ranges; every address is, for {@link #ANY} */
    public boolean contains(InetAddress address) {
        if (this == ANY) {
            return true;
        }
        byte[] bytes = normalized(address);
        for (Range range : ranges) {
            if (range.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    /** @return whether every address is in the ranges */
    boolean isAny() {
        return this == ANY;
    }

    @Override
    public String toString() {
        return this == ANY ? "any" : text;
    }

    private record Range(byte[] network, int bits) {

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[whole] & mask) == (network[whole] & mask);
        }
    }
}
