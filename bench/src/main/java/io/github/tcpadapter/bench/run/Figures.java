package io.github.tcpadapter.bench.run;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The numbers and texts of one flat JSON line that a load generator or the server's control bean answers (texts
 * without escapes: a histogram in base64).
 */
final class Figures {

    private static final Pattern NUMBER = Pattern.compile("\"(\\w+)\"\\s*:\\s*(-?[0-9.eE+-]+)");
    private static final Pattern TEXT = Pattern.compile("\"(\\w+)\"\\s*:\\s*\"([^\"\\\\]*)\"");

    private final Map<String, Double> values;
    private final Map<String, String> texts;

    private Figures(Map<String, Double> values, Map<String, String> texts) {
        this.values = values;
        this.texts = texts;
    }

    /** @throws IllegalArgumentException if the line is not such a JSON object, or reports an error */
    static Figures parse(String json) {
        if (!json.startsWith("{") || json.contains("\"error\"")) {
            throw new IllegalArgumentException("not a result: " + json);
        }
        Map<String, Double> values = new LinkedHashMap<>();
        Matcher matcher = NUMBER.matcher(json);
        while (matcher.find()) {
            values.put(matcher.group(1), Double.parseDouble(matcher.group(2)));
        }
        Map<String, String> texts = new LinkedHashMap<>();
        matcher = TEXT.matcher(json);
        while (matcher.find()) {
            texts.put(matcher.group(1), matcher.group(2));
        }
        return new Figures(values, texts);
    }

    double get(String name) {
        Double value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no " + name + " in " + values);
        }
        return value;
    }

    /** @return the text field {@code name}, or null if the line has none */
    String text(String name) {
        return texts.get(name);
    }

    Map<String, Double> all() {
        return values;
    }

    Map<String, String> texts() {
        return texts;
    }
}
