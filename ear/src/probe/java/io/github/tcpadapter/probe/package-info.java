/**
 * Test-only message-driven beans, compiled apart from the tests (a class on the tests' class path that refers to the
 * adapter's API cannot load there) and added to the sample's EJB module only in the deployments that need them.
 */
package io.github.tcpadapter.probe;
