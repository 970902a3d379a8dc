/**
 * Testing an application against a real hub: {@link io.hatchet.testing.HatchetHubExtension}
 * (or {@link io.hatchet.testing.HatchetHubTest}) starts a hub per test or per class and injects
 * it and a connected {@link io.hatchet.Hatchet}; {@link io.hatchet.testing.EventRecorder} records
 * what a consumer receives, for a test to take and check; {@link io.hatchet.testing.FaultProxy}
 * cuts, stalls and slows the connection between a client and the hub.
 *
 * <p>Only the extension needs JUnit 5 ({@code org.junit.jupiter:junit-jupiter}), which hatchet
 * declares optional: a project that tests with it has it already.
 */
package io.hatchet.testing;
