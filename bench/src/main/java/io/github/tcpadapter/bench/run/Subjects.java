package io.github.tcpadapter.bench.run;

/** The names of the run's subjects, as its tables, JSON, charts and targets show them. */
final class Subjects {

    static final String NETTY = "Netty echo (the limit)";
    static final String BLOCKING = "blocking thread per connection";
    static final String SPRING = "Spring Integration TcpInboundGateway";
    static final String MDB_CMT = "adapter → echo MDB (default CMT)";
    static final String MDB = "adapter → echo MDB (NOT_SUPPORTED)";
    static final String MDB_INLINE = "adapter → echo MDB (NOT_SUPPORTED), inline";
    static final String MDB_ONE_LOOP = "adapter → echo MDB (NOT_SUPPORTED), ioThreads=1";
    static final String NETTY_TLS = "Netty echo, TLS";
    static final String MDB_TLS = "adapter → echo MDB (NOT_SUPPORTED), TLS";
    static final String MDB_TLS_ONE_LOOP = "adapter → echo MDB (NOT_SUPPORTED), TLS, ioThreads=1";

    static final String RAW = "raw persistent socket (the limit)";
    static final String POOLED = "pooled connection factory";
    static final String PER_REQUEST = "new socket per request";
    static final String SPRING_OUTBOUND = "Spring Integration TcpOutboundGateway (own JVM)";
    static final String POOLED_TLS = "pooled connection factory, TLS";

    static final String PIPELINED = "pipelined Netty client (the limit)";
    static final String ASYNC = "multiplexed factory, requestAsync";
    static final String BLOCKING_MULTIPLEXED = "multiplexed factory, blocking request";
    static final String CAPPED = "pooled factory capped at 2 sockets";

    /** The idle table's servers. */
    static final String IDLE_ADAPTER = "adapter (NOT_SUPPORTED listener, in Payara)";
    static final String IDLE_NETTY = "Netty echo (own JVM)";

    private Subjects() {
    }
}
