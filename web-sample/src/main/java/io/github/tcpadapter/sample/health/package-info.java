/** The sample's readiness check: a MicroProfile Health bean that reads the adapter's MBeans. */
package io.github.tcpadapter.sample.health;
