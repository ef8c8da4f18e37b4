package io.github.tcpadapter.sample.device;

import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A lab analyser as the sample's client-mode listener meets it: a server on {@code 127.0.0.1:9104} (or the port
 * given as the argument) that speaks first, greeting every link with {@code hello analyser-1}, then sends
 * {@code reading <n> temperature=<celsius>} every 5 s and reads what the adapter answers. It writes both sides of
 * the conversation ({@code device > ...}, {@code adapter > ...}) to the file given as the second argument, else to
 * the standard output: {@code mvn -P run verify} starts it in the background, writing to
 * {@code ear/target/device-simulator.log}; it ends with the process that started it.
 */
public final class DeviceSimulator {

    private static final String NAME = "analyser-1";
    private static final long READING_SECONDS = 5;

    private static PrintStream transcript = System.out;

    private DeviceSimulator() {
    }

    /** @param args the port to listen on (9104 if none), and the file to write the conversation to */
    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9104;
        if (args.length > 1) {
            transcript = new PrintStream(new FileOutputStream(args[1]), true, StandardCharsets.UTF_8);
        }
        // ends with what started it (the run's Maven), even one that was killed and could not end it
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(0)));
        try (ServerSocket device = new ServerSocket()) {
            device.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            show("device simulator " + NAME + " listening on 127.0.0.1:" + port);
            while (true) {
                Socket link = device.accept();
                new Thread(() -> serve(link), "link from " + link.getRemoteSocketAddress()).start();
            }
        }
    }

    private static void serve(Socket link) {
        show("adapter connected from " + link.getRemoteSocketAddress());
        ScheduledExecutorService readings = Executors.newSingleThreadScheduledExecutor();
        try (link; BufferedReader in = new BufferedReader(
                new InputStreamReader(link.getInputStream(), StandardCharsets.UTF_8))) {
            OutputStream out = link.getOutputStream();
            say(out, "hello " + NAME);
            AtomicInteger count = new AtomicInteger();
            readings.scheduleAtFixedRate(() -> {
                try {
                    say(out, String.format(Locale.ROOT, "reading %d temperature=%.1f", count.incrementAndGet(),
                            20 + ThreadLocalRandom.current().nextDouble(3)));
                } catch (IOException e) {
                    readings.shutdown(); // the link is gone: its reader says so
                }
            }, READING_SECONDS, READING_SECONDS, TimeUnit.SECONDS);
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                show("adapter > " + line);
            }
            show("adapter disconnected");
        } catch (IOException e) {
            show("link lost: " + e.getMessage());
        } finally {
            readings.shutdownNow();
        }
    }

    private static void say(OutputStream out, String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        show("device  > " + line);
    }

    private static void show(String line) {
        transcript.println(line);
    }
}
