package dev.rfg.sentinel.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A master seen rebooting (master-reboot-down-after-period) that is failed over: the new master starts clean. The
 * old master's reboot time stayed behind once, and made the new master SDOWN at once: a second failover followed
 * (Redis's suite, 12-master-reboot).
 */
class MasterRebootResetTest {
    @Test
    void theRebootOfTheOldMasterDoesNotMakeTheNewOneDown() {
        try (EngineFixture f = new EngineFixture()) {
            MasterInstance m = f.master("m", "10.0.0.10", 6379);
            m.masterRebootDownAfterMs = 5_000;
            f.s.addReplica(m, "10.0.0.11", 6379);
            m.rebootSince = f.clock.now();
            f.clock.advance(6_000);
            f.s.switcher.resetMasterAndChangeAddress(m, "10.0.0.11", 6379);
            assertThat(m.rebootSince).isZero();
            f.s.down.checkSubjectivelyDown(m, f.clock.now());
            assertThat(m.has(Flag.S_DOWN)).isFalse();
        }
    }
}
