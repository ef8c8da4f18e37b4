package io.github.tcpadapter.bench.load;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The command line of a benchmark main: {@code --name value} options and bare {@code --name} flags, each name
 * known in advance so that a typo fails the run instead of silently taking a default.
 */
public final class Args {

    private final Map<String, String> values;

    private Args(Map<String, String> values) {
        this.values = values;
    }

    /**
     * @param args the main's arguments
     * @param options the names (without {@code --}) that take a value
     * @param flags the names (without {@code --}) that take none
     * @return the parsed arguments
     * @throws IllegalArgumentException on an unknown name, a missing value or a repeated name
     */
    public static Args parse(String[] args, Set<String> options, Set<String> flags) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : "";
            String value;
            if (flags.contains(name)) {
                value = "";
            } else if (options.contains(name) && i + 1 < args.length) {
                value = args[++i];
            } else if (options.contains(name)) {
                throw new IllegalArgumentException("--" + name + " needs a value");
            } else {
                throw new IllegalArgumentException("unknown argument " + args[i]);
            }
            if (values.put(name, value) != null) {
                throw new IllegalArgumentException("--" + name + " given twice");
            }
        }
        return new Args(values);
    }

    /**
     * @param name an option's name
     * @param min the smallest valid value
     * @return the option's value
     * @throws IllegalArgumentException if it is missing, not an integer or below {@code min}
     */
    public int requiredInt(String name, int min) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        int number;
        try {
            number = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be an integer, not " + value, e);
        }
        if (number < min) {
            throw new IllegalArgumentException("--" + name + " must be at least " + min + ", not " + value);
        }
        return number;
    }

    /**
     * @param name an option's name
     * @return its value, or null if it was not given
     */
    public String optional(String name) {
        return values.get(name);
    }

    /**
     * @param name a flag's name
     * @return whether it was given
     */
    public boolean flag(String name) {
        return values.containsKey(name);
    }
}
