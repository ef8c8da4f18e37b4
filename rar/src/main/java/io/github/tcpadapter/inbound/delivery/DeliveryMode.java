package io.github.tcpadapter.inbound.delivery;

/** Which thread calls the bean: the activation property {@code delivery}. */
public enum DeliveryMode {
    /** a delivery work of the server's work manager; the I/O thread never waits for the bean */
    HANDOFF,
    /** the listener's I/O thread itself, falling back to works while the bean is slow (see {@link InlineGuard}) */
    INLINE
}
