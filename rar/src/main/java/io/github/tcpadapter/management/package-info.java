/**
 * What the adapter shows to operators in JMX: the MXBean interfaces of its listeners and connection factories, for
 * consoles, health checks ({@code JMX.newMXBeanProxy}) and Payara's {@code metrics.xml}. The implementations live
 * with what they describe.
 */
package io.github.tcpadapter.management;
