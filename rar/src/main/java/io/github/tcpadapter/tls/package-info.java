/**
 * TLS for both directions: the shared configuration properties ({@link io.github.tcpadapter.tls.TlsProperties})
 * and the one place that builds engines from them ({@link io.github.tcpadapter.tls.TlsContext}), with certificate
 * rotation. Passwords stay inside {@link io.github.tcpadapter.tls.StoreFile}. {@code TlsProperties} extends the
 * framing properties only because the server reads configuration properties from setters of the configured class
 * and its superclasses, and Java allows one superclass: why that is inheritance rather than composition is told in
 * {@link io.github.tcpadapter.config}.
 */
package io.github.tcpadapter.tls;
