/**
 * TLS for both directions: the shared configuration properties ({@link io.github.tcpadapter.tls.TlsProperties})
 * and the one place that builds engines from them ({@link io.github.tcpadapter.tls.TlsContext}), with certificate
 * rotation. Passwords stay inside {@link io.github.tcpadapter.tls.StoreFile}.
 */
package io.github.tcpadapter.tls;
