/**
 * The resource adapter's lifecycle: it holds the server's {@code WorkManager}, the inbound listener of every
 * active message endpoint, and the registry of their open sessions (reached by applications through the
 * administered object {@link io.github.tcpadapter.api.TcpSessionsAdminObject}).
 *
 * <p>Who owns what. An adapter instance owns what it starts: its listeners, and the connection factories associated
 * with it ({@link io.github.tcpadapter.outbound.FactoryRegistry}); its {@code stop()} ends those and nothing else.
 * That matters on WildFly, which starts an instance for the message-driven beans and one more for each
 * {@code @ConnectionFactoryDefinition} and {@code @AdministeredObjectDefinition}, and stops the latter when their
 * application is undeployed; Payara runs one instance per deployed RAR. The session registry is the one thing the
 * instances of a deployment share, as the administered object of one must see the sessions of another's listeners:
 * it belongs to the deployment (the RAR's class loader), each running instance holds it, and it ends with the last
 * ({@code DeployedSessions}). Nothing else is static.
 */
package io.github.tcpadapter.adapter;
