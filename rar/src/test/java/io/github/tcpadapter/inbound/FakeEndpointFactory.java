package io.github.tcpadapter.inbound;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.github.tcpadapter.api.TcpMessage;
import io.github.tcpadapter.api.TcpMessageListener;
import io.github.tcpadapter.api.TcpSession;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.transaction.xa.XAResource;

/**
 * Creates proxy endpoints implementing {@link TcpMessageListener}, as a server's container does. By the text of a
 * frame: "silent" gets no reply, "boom" throws, "overflow" throws a {@link StackOverflowError}, "hold" waits until
 * the test opens {@link #releaseHold}, "slow" waits until the test opens {@link #releaseSlow} (counting how many wait
 * at once), "together" likewise with {@link #releaseTogether}, "big" gets {@link #bigReply} bytes, any other text
 * gets "ok: " + text, "thread" the name of the thread that called the bean. Records every call in {@link #events}.
 */
final class FakeEndpointFactory implements MessageEndpointFactory {

    private static final long WAIT_MILLIS = 10_000;

    final AtomicInteger created = new AtomicInteger();
    final AtomicInteger released = new AtomicInteger();
    final BlockingQueue<TcpMessage> messages = new LinkedBlockingQueue<>();
    /** "connect ID", "message ID TEXT", "disconnect ID", in call order. */
    final List<String> events = new CopyOnWriteArrayList<>();
    final BlockingQueue<TcpSession> connected = new LinkedBlockingQueue<>();
    final BlockingQueue<TcpSession> disconnected = new LinkedBlockingQueue<>();
    final List<String> misuses = new CopyOnWriteArrayList<>();
    final CountDownLatch holding = new CountDownLatch(1);
    final CountDownLatch releaseHold = new CountDownLatch(1);
    final CountDownLatch releaseSlow = new CountDownLatch(1);
    final AtomicInteger slowNow = new AtomicInteger();
    final AtomicInteger slowMost = new AtomicInteger();
    final AtomicInteger slowEntered = new AtomicInteger();
    final CountDownLatch releaseTogether = new CountDownLatch(1);
    final AtomicInteger togetherNow = new AtomicInteger();
    final AtomicInteger togetherMost = new AtomicInteger();
    volatile int bigReply = 1000;
    /** When set, onConnect sends it to the client: a protocol where the server speaks first. */
    volatile String greeting;
    /** How many of the next endpoints to refuse whatever the pool, as a server whose pool is briefly full. */
    final AtomicInteger refuseNext = new AtomicInteger();
    /** When set, the factory has no endpoint to give, as a server during undeployment. */
    volatile boolean unavailable;
    /** When positive, the most endpoints in use at once: one more is refused, as Payara's full bean pool does. */
    volatile int poolSize;
    final AtomicInteger inUse = new AtomicInteger();
    final AtomicInteger refusedAsFull = new AtomicInteger();

    List<String> texts() {
        return messages.stream().map(TcpMessage::text).toList();
    }

    /** @return the events of one session, without its id */
    List<String> eventsOf(String sessionId) {
        return events.stream()
                .filter(event -> event.split(" ")[1].equals(sessionId))
                .map(event -> event.replace(" " + sessionId, ""))
                .toList();
    }

    @Override
    public MessageEndpoint createEndpoint(XAResource xaResource) throws UnavailableException {
        if (unavailable) {
            throw new UnavailableException("no endpoint for the test");
        }
        if (refuseNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            refusedAsFull.incrementAndGet();
            throw new UnavailableException("refused for the test");
        }
        if (inUse.incrementAndGet() > poolSize && poolSize > 0) {
            inUse.decrementAndGet();
            refusedAsFull.incrementAndGet();
            throw new UnavailableException("all " + poolSize + " beans of the pool are in use");
        }
        created.incrementAndGet();
        AtomicBoolean endpointReleased = new AtomicBoolean();
        return (MessageEndpoint) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {MessageEndpoint.class, TcpMessageListener.class},
                (proxy, method, args) -> {
                    if (endpointReleased.get() && !method.getName().equals("release")) {
                        misuses.add(method.getName() + " after release");
                    }
                    return switch (method.getName()) {
                        case "onMessage" -> onMessage((TcpMessage) args[0]);
                        case "onConnect" -> greet(record("connect", (TcpSession) args[0], connected));
                        case "onDisconnect" -> {
                            record("disconnect", (TcpSession) args[0], disconnected);
                            yield null;
                        }
                        case "release" -> {
                            if (endpointReleased.getAndSet(true)) {
                                misuses.add("released twice");
                            }
                            released.incrementAndGet();
                            inUse.decrementAndGet();
                            yield null;
                        }
                        case "beforeDelivery", "afterDelivery" -> null;
                        case "equals" -> proxy == args[0];
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "toString" -> "fake endpoint";
                        default -> throw new UnsupportedOperationException(method.getName());
                    };
                });
    }

    @Override
    public MessageEndpoint createEndpoint(XAResource xaResource, long timeout) throws UnavailableException {
        return createEndpoint(xaResource);
    }

    private TcpSession record(String what, TcpSession session, BlockingQueue<TcpSession> sessions) {
        events.add(what + " " + session.id());
        sessions.add(session);
        return session;
    }

    private Object greet(TcpSession session) throws ResourceException {
        String text = greeting;
        if (text != null) {
            session.send(text);
        }
        return null;
    }

    private byte[] onMessage(TcpMessage message) {
        String text = message.text();
        events.add("message " + message.sessionId() + " " + text);
        messages.add(message);
        switch (text) {
            case "silent":
                return null;
            case "boom":
                throw new IllegalStateException("boom");
            case "overflow":
                throw new StackOverflowError("overflow for the test");
            case "hold":
                holding.countDown();
                await(releaseHold);
                break;
            case "big":
                return "b".repeat(bigReply).getBytes(UTF_8);
            case "thread":
                return ("ok: thread " + Thread.currentThread().getName()).getBytes(UTF_8);
            case "together":
                togetherMost.accumulateAndGet(togetherNow.incrementAndGet(), Math::max);
                await(releaseTogether);
                togetherNow.decrementAndGet();
                break;
            case "slow":
                slowEntered.incrementAndGet();
                slowMost.accumulateAndGet(slowNow.incrementAndGet(), Math::max);
                await(releaseSlow);
                slowNow.decrementAndGet();
                break;
            default:
                break;
        }
        return ("ok: " + text).getBytes(UTF_8);
    }

    private void await(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                misuses.add("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isDeliveryTransacted(Method method) {
        return false;
    }

    @Override
    public String getActivationName() {
        return "test";
    }

    @Override
    public Class<?> getEndpointClass() {
        return TcpMessageListener.class;
    }
}
