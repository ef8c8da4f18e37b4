/**
 * Checks of the adapter's JavaBean configuration properties, shared by the outbound and inbound sides, and the
 * framing properties both declare.
 *
 * <h2>Why the shared properties are inherited</h2>
 * The server discovers configuration properties as JavaBean setters of the {@code ManagedConnectionFactory} or
 * {@code ActivationSpec} class, its superclasses included ({@code @ConfigProperty} on a superclass is honoured);
 * it never looks into a field's object. Both {@code TcpManagedConnectionFactory} and {@code TcpActivationSpec} need
 * the framing, TLS and heartbeat properties, so they extend {@link io.github.tcpadapter.conversation.ConversationProperties},
 * which extends {@link io.github.tcpadapter.tls.TlsProperties}, which extends
 * {@link io.github.tcpadapter.config.FramingProperties}: with one superclass per class, a chain is the only way to
 * declare each setter once. Holding a framing and a TLS object instead would need the setters and getters of all 23
 * properties, with their annotations, written again in both classes, delegating. Composition happens where the server
 * does not look: the checked values are immutable objects ({@link io.github.tcpadapter.framing.Framing},
 * {@link io.github.tcpadapter.tls.TlsSettings}) that the listener's settings and the factory's connections are
 * built from, so no code past validation sees the property classes.
 */
package io.github.tcpadapter.config;

