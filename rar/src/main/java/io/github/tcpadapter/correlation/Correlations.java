package io.github.tcpadapter.correlation;

import io.github.tcpadapter.api.TcpCorrelation;
import io.github.tcpadapter.config.PropertyCheck;
import jakarta.resource.spi.InvalidPropertyException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Makes the key function a multiplexed factory's correlation properties describe. */
public final class Correlations {

    /** The longest key {@code correlationBytes} may name, in bytes. */
    static final int MAX_KEY_BYTES = 1024;
    /** The longest header {@code iso8583HeaderBytes} may skip. */
    static final int MAX_HEADER_BYTES = 1024;
    private static final Pattern CLASS_NAME = Pattern.compile("\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*"
            + "(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*");

    private Correlations() {
    }

    /**
     * @param settings the factory's correlation properties
     * @return how the factory pairs replies with requests
     * @throws InvalidPropertyException if {@code correlation} is missing or unknown
     */
    public static CorrelationMode mode(CorrelationSettings settings) throws InvalidPropertyException {
        return PropertyCheck.oneOf("correlation", settings.correlation(), CorrelationMode.class);
    }

    /**
     * Checks the properties the chosen correlation uses and makes its key function. For {@code CLASS} the
     * application's class is not loaded yet: the result is an {@link ApplicationCorrelation}, whose
     * {@link ApplicationCorrelation#load()} the link calls on the first caller's thread.
     *
     * @param settings the factory's correlation properties
     * @return the key function; empty for {@code NONE} and {@code IN_ORDER}, which have no key
     * @throws InvalidPropertyException naming the property and its value if one is missing or wrong
     */
    public static Optional<TcpCorrelation> of(CorrelationSettings settings) throws InvalidPropertyException {
        return Optional.ofNullable(switch (mode(settings)) {
            case NONE, IN_ORDER -> null;
            case ISO8583 -> new Iso8583Correlation(
                    PropertyCheck.between("iso8583HeaderBytes", settings.iso8583HeaderBytes(), 0, MAX_HEADER_BYTES),
                    fields(settings.correlationFields()),
                    PropertyCheck.oneOf("iso8583Bitmap", settings.iso8583Bitmap(), Iso8583Bitmap.class),
                    PropertyCheck.oneOf("iso8583Encoding", settings.iso8583Encoding(), Iso8583Encoding.class));
            case HL7 -> new Hl7Correlation();
            case BYTES -> byteRange(settings.correlationBytes());
            case REGEX -> regex(settings);
            case CLASS -> new ApplicationCorrelation(className(settings.correlationClass()),
                    Correlations.class.getClassLoader());
        });
    }

    private static int[] fields(String value) throws InvalidPropertyException {
        String rule = "must list ISO 8583 field numbers from 2 to 128, but not 65 (a bitmap), separated by commas";
        TreeSet<Integer> fields = new TreeSet<>();
        for (String entry : PropertyCheck.notBlank("correlationFields", value).split(",", -1)) {
            int number;
            try {
                number = Integer.parseInt(entry.trim());
            } catch (NumberFormatException e) {
                throw PropertyCheck.invalid("correlationFields", value, rule);
            }
            if (number < 2 || number > Iso8583Field.LAST || number == 65) {
                throw PropertyCheck.invalid("correlationFields", value, rule);
            }
            fields.add(number);
        }
        return fields.stream().mapToInt(Integer::intValue).toArray();
    }

    private static ByteRangeCorrelation byteRange(String value) throws InvalidPropertyException {
        String[] parts = PropertyCheck.notBlank("correlationBytes", value).split(",", -1);
        String rule = "must be offset,length: an offset of 0 or more and a length from 1 to " + MAX_KEY_BYTES;
        try {
            if (parts.length == 2) {
                int offset = Integer.parseInt(parts[0].trim());
                int length = Integer.parseInt(parts[1].trim());
                if (offset >= 0 && length >= 1 && length <= MAX_KEY_BYTES) {
                    return new ByteRangeCorrelation(offset, length);
                }
            }
        } catch (NumberFormatException e) {
            // the message below says what is expected
        }
        throw PropertyCheck.invalid("correlationBytes", value, rule);
    }

    private static RegexCorrelation regex(CorrelationSettings settings) throws InvalidPropertyException {
        Pattern request = pattern("correlationPattern", settings.correlationPattern());
        String reply = settings.correlationReplyPattern();
        return new RegexCorrelation(request,
                reply == null || reply.isBlank() ? request : pattern("correlationReplyPattern", reply),
                Objects.requireNonNullElse(settings.charset(), StandardCharsets.UTF_8));
    }

    private static Pattern pattern(String property, String value) throws InvalidPropertyException {
        Pattern pattern;
        try {
            PropertyCheck.notBlank(property, value);
            pattern = Pattern.compile(value);
        } catch (PatternSyntaxException e) {
            throw PropertyCheck.invalid(property, value, "is not a regular expression: " + e.getDescription()
                    + " near index " + e.getIndex());
        }
        if (pattern.matcher("").groupCount() < 1) {
            throw PropertyCheck.invalid(property, value, "needs a capturing group: the first one is the key");
        }
        return pattern;
    }

    private static String className(String value) throws InvalidPropertyException {
        String name = PropertyCheck.notBlank(ApplicationCorrelation.PROPERTY, value);
        if (!CLASS_NAME.matcher(name).matches()) {
            throw PropertyCheck.invalid(ApplicationCorrelation.PROPERTY, value, "is not a class name");
        }
        return name;
    }
}
