/** Counting what the adapter does cheaply enough for every frame, for its MXBeans. */
package io.github.tcpadapter.metrics;
