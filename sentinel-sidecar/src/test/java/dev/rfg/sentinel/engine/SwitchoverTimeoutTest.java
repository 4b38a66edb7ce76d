package dev.rfg.sentinel.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A switchover whose master link is down when FAILOVER TO is due cannot stay in SEND_SLAVEOF_NOONE: like a
 * failover whose replica link is down, it aborts after failover-timeout (a stuck switchover blocked every later
 * failover of the master).
 */
class SwitchoverTimeoutTest {
    @Test
    void aSwitchoverWithTheMasterLinkDownAbortsAfterFailoverTimeout() {
        try (EngineFixture f = new EngineFixture()) {
            MasterInstance m = f.master("m", "127.0.0.1", 6379);
            m.failoverTimeoutMs = 5_000;
            ReplicaInstance r = f.s.addReplica(m, "127.0.0.1", 6380);
            f.connect(r);
            m.switchoverTarget = r;
            f.s.failover.start(m, true);
            f.clock.advance(1_500); // past the start's random delay of up to 1 s
            f.s.failover.run(m);
            runTicks(f, m, 5);
            assertThat(m.failoverState).isEqualTo(FailoverState.SEND_SLAVEOF_NOONE);

            f.clock.advance(m.failoverTimeoutMs + 1);
            runTicks(f, m, 5);
            assertThat(m.failoverState).isEqualTo(FailoverState.NONE);
            assertThat(m.has(Flag.FAILOVER_IN_PROGRESS)).isFalse();
            assertThat(f.eventTypes()).contains("-failover-abort-slave-timeout");
            assertThat(r.has(Flag.PROMOTED)).isFalse();
        }
    }

    private static void runTicks(EngineFixture f, MasterInstance m, int n) {
        for (int i = 0; i < n; i++) {
            f.s.failover.run(m);
        }
    }
}
