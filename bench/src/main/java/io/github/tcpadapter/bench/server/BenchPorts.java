package io.github.tcpadapter.bench.server;

/**
 * The fixed ports of a benchmark run on 127.0.0.1, shared by the beans deployed in the server and the run that
 * drives them. The run checks that all are free before it starts anything.
 */
public final class BenchPorts {

    /** The echo bean with the container's default transaction attribute (REQUIRED). */
    public static final String ECHO = "19100";
    /** The echo bean with {@code @TransactionAttribute(NOT_SUPPORTED)}. */
    public static final String ECHO_NO_TX = "19101";
    /** The NOT_SUPPORTED echo bean over TLS, with the server's own certificate. */
    public static final String ECHO_TLS = "19102";
    /** The NOT_SUPPORTED echo bean run on the listener's I/O thread ({@code delivery=INLINE}). */
    public static final String ECHO_INLINE = "19103";
    /** The NOT_SUPPORTED echo bean on a listener with one event loop ({@code ioThreads=1}). */
    public static final String ECHO_ONE_LOOP = "19104";
    /** The NOT_SUPPORTED echo bean over TLS on a listener with one event loop ({@code ioThreads=1}). */
    public static final String ECHO_TLS_ONE_LOOP = "19105";
    /** Where the run asks the server for outbound cells and figures. */
    public static final String CONTROL = "19110";
    /** The external echo server that the outbound callers call. */
    public static final String OUTBOUND_PEER = "19200";
    /** The same over TLS, presenting the domain's certificate ({@code localhost}). */
    public static final String OUTBOUND_TLS_PEER = "19201";
    /** The external echo server that answers each frame {@link #PEER_DELAY_MILLIS} ms after it came, in order. */
    public static final String DELAYED_PEER = "19202";
    /** How long {@link #DELAYED_PEER} takes to answer a frame. */
    public static final int PEER_DELAY_MILLIS = 5;
    /** How many sockets the multiplexed factory, the capped pool and the pipelined client have to the delayed peer. */
    public static final int DELAYED_PEER_SOCKETS = 2;

    private BenchPorts() {
    }
}
