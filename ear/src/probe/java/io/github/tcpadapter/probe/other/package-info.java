/**
 * A second application for the container tests, on its own beside the sample: its resource definitions have names
 * of their own, as WildFly refuses a second deployment that defines a {@code java:app} name another one defines.
 * {@code Probes} leaves this package out of the sample's EJB module.
 */
package io.github.tcpadapter.probe.other;
