package io.github.tcpadapter.probe.multiplex;

import io.github.tcpadapter.api.TcpConnection;
import io.github.tcpadapter.api.TcpConnectionFactory;
import io.github.tcpadapter.api.TcpMessage;
import io.github.tcpadapter.api.TcpMessageListener;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.naming.InitialContext;

/**
 * Sends a batch of requests at once through a multiplexed factory and reports how each one ended. A line
 * {@code <factory JNDI name> <timeout ms> <payload>,<payload>,...} (payloads in URL-safe base64) puts every payload
 * in flight with {@code requestAsync} on one handle, closes the handle (which cancels nothing), waits for every stage
 * (at most the timeout and ten seconds more) and answers one line, an entry per request, in request order:
 * {@code ok:<ms>:<thread>:<reply>} or {@code fail:<ms>:<exception class>:<message>}, where {@code <ms>} is how long
 * after the call the stage completed, {@code <thread>} the thread that ran the callback ({@code (the caller)} if the
 * stage was complete before the callback was attached), and texts are base64 too; a stage still pending at the end
 * is {@code pending}.
 */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "port", propertyValue = "9110")
})
public class MultiplexProbe implements TcpMessageListener {

    private static final Duration GRACE = Duration.ofSeconds(10);
    private static final String CALLER = "(the caller)";

    @Override
    public byte[] onMessage(TcpMessage message) {
        String[] command = message.text().split(" ", 3);
        try {
            TcpConnectionFactory factory = (TcpConnectionFactory) new InitialContext().lookup(command[0]);
            Duration timeout = Duration.ofMillis(Long.parseLong(command[1]));
            List<CompletableFuture<String>> outcomes = new ArrayList<>();
            try (TcpConnection connection = factory.getConnection()) {
                for (String payload : command[2].split(",")) {
                    outcomes.add(send(connection, Base64.getUrlDecoder().decode(payload), timeout));
                }
            }
            try {
                CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new))
                        .get(timeout.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillPending) {
                // reported per request below
            }
            List<String> entries = new ArrayList<>();
            for (CompletableFuture<String> outcome : outcomes) {
                entries.add(outcome.getNow("pending"));
            }
            return String.join(" ", entries).getBytes(StandardCharsets.UTF_8);
        } catch (Exception e) {
            return ("error " + e).getBytes(StandardCharsets.UTF_8);
        }
    }

    private static CompletableFuture<String> send(TcpConnection connection, byte[] payload, Duration timeout) {
        long start = System.nanoTime();
        CompletableFuture<String> outcome = new CompletableFuture<>();
        Thread caller = Thread.currentThread();
        try {
            connection.requestAsync(payload, timeout).whenComplete((reply, failure) -> {
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                Throwable cause = failure instanceof CompletionException && failure.getCause()
                        != null ? failure.getCause() : failure;
                // a stage complete before whenComplete runs its callback on the caller: no thread of the adapter's
                String thread = Thread.currentThread() == caller ? CALLER : Thread.currentThread().getName();
                outcome.complete(cause == null ? "ok:" + millis + ":" + text(thread) + ":" + encode(reply)
                        : failed(millis, cause));
            });
        } catch (RuntimeException e) {
            outcome.complete(failed(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), e));
        }
        return outcome;
    }

    private static String failed(long millis, Throwable cause) {
        return "fail:" + millis + ":" + cause.getClass().getName() + ":" + text(String.valueOf(cause.getMessage()));
    }

    private static String text(String text) {
        return encode(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
