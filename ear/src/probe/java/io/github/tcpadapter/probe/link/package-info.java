/**
 * Test-only client-mode beans ({@code ClientModeIT}): their deployment's {@code ejb-jar.xml} gives each its
 * {@code connectTo}. Kept apart from the other probes, which every other probe deployment carries.
 */
package io.github.tcpadapter.probe.link;
