/** The sample's readiness check: a MicroProfile Health bean, in an EAR library, that reads the adapter's MBeans. */
package io.github.tcpadapter.sample.health;
