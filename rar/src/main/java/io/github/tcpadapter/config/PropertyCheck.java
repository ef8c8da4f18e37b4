package io.github.tcpadapter.config;

import jakarta.resource.spi.InvalidPropertyException;
import java.util.Arrays;
import java.util.Locale;

/** Validates configuration property values; every failure names the property and the value it was given. */
public final class PropertyCheck {

    private PropertyCheck() {
    }

    /**
     * @param property the property's name, for the message
     * @param value the configured value
     * @return the value, a TCP port number
     * @throws InvalidPropertyException if the value is missing or outside 1..65535
     */
    public static int port(String property, Integer value) throws InvalidPropertyException {
        return between(property, value, 1, 65_535);
    }

    /**
     * @param property the property's name, for the message
     * @param value the configured value
     * @param min the smallest valid value
     * @param max the largest valid value
     * @return the value
     * @throws InvalidPropertyException if the value is missing or outside {@code min..max}
     */
    public static int between(String property, Integer value, int min, int max) throws InvalidPropertyException {
        int number = required(property, value);
        if (number < min || number > max) {
            throw invalid(property, value, "must be between " + min + " and " + max);
        }
        return number;
    }

    /**
     * @param property the property's name, for the message
     * @param value the configured value
     * @return the value, at least 1
     * @throws InvalidPropertyException if the value is missing or not positive
     */
    public static int positive(String property, Integer value) throws InvalidPropertyException {
        int number = required(property, value);
        if (number < 1) {
            throw invalid(property, value, "must be a positive number");
        }
        return number;
    }

    /**
     * @param property the property's name, for the message
     * @param value the configured value
     * @return the value, trimmed
     * @throws InvalidPropertyException if the value is missing or blank
     */
    public static String notBlank(String property, String value) throws InvalidPropertyException {
        if (value == null || value.isBlank()) {
            throw invalid(property, value, "must not be empty");
        }
        return value.trim();
    }

    /**
     * @param property the property's name, for the message
     * @param value the configured value, in any case
     * @param type the enum of the valid values
     * @return the value named
     * @throws InvalidPropertyException if the value is missing or names no constant of {@code type}
     */
    public static <E extends Enum<E>> E oneOf(String property, String value, Class<E> type)
            throws InvalidPropertyException {
        String name = notBlank(property, value);
        try {
            return Enum.valueOf(type, name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid(property, value, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    private static int required(String property, Integer value) throws InvalidPropertyException {
        if (value == null) {
            throw invalid(property, null, "is required");
        }
        return value;
    }

    /**
     * @param property the property's name
     * @param value the bad value
     * @param rule what the value breaks, for example "must be one of ..."
     * @return an exception whose message names the property and the value
     */
    public static InvalidPropertyException invalid(String property, Object value, String rule) {
        String shown = value == null ? "not set" : "'" + value + "'";
        return new InvalidPropertyException("Invalid configuration property " + property + " (" + shown + "): "
                + rule);
    }
}
