package io.github.tcpadapter.bench.run;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The numbers of one flat JSON line that a load generator or the server's control bean answers. */
final class Figures {

    private static final Pattern NUMBER = Pattern.compile("\"(\\w+)\"\\s*:\\s*(-?[0-9.eE+-]+)");

    private final Map<String, Double> values;

    private Figures(Map<String, Double> values) {
        this.values = values;
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
        return new Figures(values);
    }

    double get(String name) {
        Double value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no " + name + " in " + values);
        }
        return value;
    }

    Map<String, Double> all() {
        return values;
    }
}
