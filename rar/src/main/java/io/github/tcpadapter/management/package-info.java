/**
 * What the adapter shows to operators in JMX: the MXBean interfaces of its listeners. The implementations live with
 * what they describe.
 */
package io.github.tcpadapter.management;
