/**
 * The resource adapter's lifecycle: it holds the server's {@code WorkManager}, the inbound listener of every
 * active message endpoint, and the registry of their open sessions (reached by applications through the
 * administered object {@link io.github.tcpadapter.api.TcpSessionsAdminObject}).
 */
package io.github.tcpadapter.adapter;
