package dev.rfg.sentinel.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A replica starts with role-reported slave, as in redis-sentinel (the role of its kind): its first INFO as a
 * replica changes nothing, and one that reports role:master restarts the wait before it may be converted.
 */
class NewReplicaRoleTest {
    private static final String SLAVE_INFO = "# Replication\r\nrole:slave\r\nmaster_host:127.0.0.1\r\nmaster_port:6379\r\n"
            + "master_link_status:up\r\nslave_repl_offset:10\r\nslave_priority:100\r\n";
    private static final String MASTER_INFO = "# Replication\r\nrole:master\r\nconnected_slaves:0\r\n";

    @Test
    void aNewReplicaReportingSlaveRaisesNoRoleChange() {
        try (EngineFixture f = new EngineFixture()) {
            MasterInstance m = f.master("m", "127.0.0.1", 6379);
            ReplicaInstance r = f.s.addReplica(m, "127.0.0.1", 6380);
            assertThat(r.roleReported).isEqualTo(Role.SLAVE);
            f.clock.advance(100);
            f.s.info.refresh(r, SLAVE_INFO);
            assertThat(f.eventTypes()).doesNotContain("+role-change", "-role-change");
        }
    }

    @Test
    void aKnownReplicaThatComesBackAsMasterWaitsFromThatInfo() {
        try (EngineFixture f = new EngineFixture()) {
            MasterInstance m = f.master("m", "127.0.0.1", 6379);
            ReplicaInstance r = f.s.addReplica(m, "127.0.0.1", 6380);
            f.clock.advance(60_000);
            f.s.info.refresh(r, MASTER_INFO);
            assertThat(r.roleReported).isEqualTo(Role.MASTER);
            assertThat(r.roleReportedTime).isEqualTo(f.clock.now());
            assertThat(f.eventTypes()).contains("-role-change");
        }
    }
}
