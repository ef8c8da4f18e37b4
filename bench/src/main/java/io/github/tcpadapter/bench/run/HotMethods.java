package io.github.tcpadapter.bench.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a JFR recording's execution samples: the methods on top of the stacks (where the CPU was), and for
 * each part of the stack (the adapter, Netty, the EJB container, the transaction manager...) the share of samples
 * that passed through it (where the time went, callees included).
 */
final class HotMethods {

    /** Stack parts, by package prefix, in the order a delivery passes them. */
    private static final Map<String, String> PARTS = new java.util.LinkedHashMap<>(Map.of(
            "io.github.tcpadapter.", "the adapter",
            "io.netty.", "Netty",
            "com.sun.ejb.", "EJB container",
            "com.sun.enterprise.transaction.", "transaction manager",
            "org.glassfish.", "GlassFish/Payara other",
            "fish.payara.", "Payara",
            "io.github.tcpadapter.bench.", "bench beans"));

    private HotMethods() {
    }

    static String summary(Path recording, int top) throws IOException {
        Map<String, Integer> onTop = new HashMap<>();
        Map<String, Integer> through = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            RecordedStackTrace stack = event.getStackTrace();
            List<RecordedFrame> frames = stack.getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            samples++;
            onTop.merge(name(frames.get(0)), 1, Integer::sum);
            frames.stream().map(HotMethods::part).filter(part -> part != null).distinct()
                    .forEach(part -> through.merge(part, 1, Integer::sum));
        }
        int total = Math.max(samples, 1);
        StringBuilder text = new StringBuilder(samples + " samples. Share of samples that passed through:\n\n");
        through.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(entry -> text.append(String.format(Locale.ROOT, "- %s: %.1f%%%n", entry.getKey(),
                        100.0 * entry.getValue() / total)));
        text.append("\nMethods on top of the stack:\n\n| method | share |\n| --- | ---: |\n");
        text.append(onTop.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(top).map(entry -> String.format(Locale.ROOT, "| `%s` | %.1f%% |", entry.getKey(),
                        100.0 * entry.getValue() / total)).collect(Collectors.joining("\n")));
        return text.append('\n').toString();
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static String part(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        String found = null;
        int longest = -1;
        for (Map.Entry<String, String> part : PARTS.entrySet()) {
            if (type.startsWith(part.getKey()) && part.getKey().length() > longest) {
                found = part.getValue();
                longest = part.getKey().length();
            }
        }
        return found;
    }
}
