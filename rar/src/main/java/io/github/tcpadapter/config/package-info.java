/** Checks of the adapter's JavaBean configuration properties, shared by the outbound and inbound sides. */
package io.github.tcpadapter.config;
