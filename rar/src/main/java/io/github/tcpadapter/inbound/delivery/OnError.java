package io.github.tcpadapter.inbound.delivery;

/** What a listener does with a connection when its bean fails on a frame (activation property {@code onError}). */
public enum OnError {
    /** Close the connection, so the client learns that something went wrong. */
    CLOSE,
    /** Go on with the connection's next frame; the failed frame gets no reply. */
    CONTINUE
}
