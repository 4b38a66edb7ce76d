package dev.rfg.sentinel.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReplicaSelectorTest {
    @Test
    void priorityThenOffsetThenRunId() {
        long now = System.currentTimeMillis();
        MasterInstance m = new MasterInstance("m", "127.0.0.1", 1, 2, now);
        ReplicaInstance a = replica(m, 2, 10, 100, "b");
        ReplicaInstance b = replica(m, 3, 10, 100, "a");
        ReplicaInstance c = replica(m, 4, 10, 200, "c");
        ReplicaInstance d = replica(m, 5, 5, 0, "d");
        assertThat(ReplicaSelector.ORDER.compare(b, a)).isNegative();
        assertThat(ReplicaSelector.ORDER.compare(c, b)).isNegative();
        assertThat(ReplicaSelector.ORDER.compare(d, c)).isNegative();
        ReplicaInstance nullId = replica(m, 6, 10, 200, null);
        assertThat(ReplicaSelector.ORDER.compare(c, nullId)).isNegative();
    }

    @Test
    void aMasterReportingSlaveCountsAsDownSinceItWasLastSeenAsMaster() {
        long now = System.currentTimeMillis();
        MasterInstance m = new MasterInstance("m", "127.0.0.1", 1, 2, now - 60_000);
        m.flags.add(Flag.S_DOWN);
        m.sDownSinceTime = now;
        assertThat(ReplicaSelector.masterDownSince(m)).isEqualTo(now);
        m.roleReported = Role.SLAVE;
        m.roleReportedTime = now - 21_000;
        assertThat(ReplicaSelector.masterDownSince(m)).isEqualTo(now - 21_000);
        m.roleMasterSeenTime = now - 30_000;
        assertThat(ReplicaSelector.masterDownSince(m)).isEqualTo(now - 30_000);
        m.roleReported = Role.MASTER;
        assertThat(ReplicaSelector.masterDownSince(m)).isEqualTo(now);
    }

    private static ReplicaInstance replica(MasterInstance m, int port, int prio, long offset, String runId) {
        ReplicaInstance r = new ReplicaInstance(m, "127.0.0.1", port, System.currentTimeMillis());
        r.slavePriority = prio;
        r.replOffset = offset;
        r.runId = runId;
        return r;
    }
}
