/** What the adapter measures, cheaply enough for every frame, and the registration of its MXBeans. */
package io.github.tcpadapter.metrics;
