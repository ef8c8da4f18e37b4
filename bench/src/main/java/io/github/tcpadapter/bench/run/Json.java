package io.github.tcpadapter.bench.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The little JSON the run writes: numbers and booleans as they are, anything else as an escaped string. */
final class Json {

    private Json() {
    }

    static String string(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> json.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return json.append('"').toString();
    }

    static String value(Object value) {
        return value instanceof Number || value instanceof Boolean ? String.valueOf(value)
                : string(String.valueOf(value));
    }

    /** @return the names and values, alternating, as a map in that order */
    static Map<String, Object> fields(Object... namesAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }

    /** @return the map as an object, every value converted by {@link #value(Object)} */
    static String object(Map<String, ?> values) {
        return values.entrySet().stream().map(entry -> string(entry.getKey()) + ":" + value(entry.getValue()))
                .collect(Collectors.joining(",", "{", "}"));
    }

    /** @return the map as an object whose values are JSON already */
    static String rawObject(Map<String, String> values) {
        return values.entrySet().stream().map(entry -> string(entry.getKey()) + ":" + entry.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }

    /** @return the elements, JSON already, as an array */
    static String array(List<String> elements) {
        return elements.stream().collect(Collectors.joining(",", "[", "]"));
    }
}
