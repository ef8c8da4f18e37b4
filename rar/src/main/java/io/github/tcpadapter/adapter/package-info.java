/**
 * The resource adapter's lifecycle: it holds the server's {@code WorkManager} and the inbound listener of every
 * active message endpoint.
 */
package io.github.tcpadapter.adapter;
