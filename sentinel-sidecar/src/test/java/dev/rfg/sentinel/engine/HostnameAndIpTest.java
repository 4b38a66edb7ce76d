package dev.rfg.sentinel.engine;

import dev.rfg.sentinel.link.FakeLinks;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An instance known by hostname is the same one when a stock peer or Redis names it by IP (stock keeps both in
 * sentinelAddr); what clients are told follows announce-hostnames.
 */
class HostnameAndIpTest {
    private static final String PEER = "00000000000000000000000000000000000000aa";

    @Test
    void aHelloNamingTheMasterByItsIpIsNoSwitch() {
        try (EngineFixture f = new EngineFixture()) {
            MasterInstance m = f.master("m", "redis-0.example", 6379);
            m.ip = "10.0.0.10";
            f.s.hello.process(String.join(",", "10.0.0.2", "26379", PEER, "1", "m", "10.0.0.10", "6379", "1"));
            assertThat(f.eventTypes()).doesNotContain("+switch-master", "+config-update-from");
            assertThat(m.configEpoch).isEqualTo(1);
            assertThat(m.host).isEqualTo("redis-0.example");
        }
    }

    @Test
    void aReplicaListedByIpIsNotAddedTwice() {
        try (EngineFixture f = new EngineFixture()) {
            MasterInstance m = f.master("m", "redis-0.example", 6379);
            ReplicaInstance r = f.s.addReplica(m, "redis-1.example", 6379);
            r.ip = "10.0.0.11";
            f.s.info.refresh(m, "# Replication\r\nrole:master\r\nconnected_slaves:1\r\n"
                    + "slave0:ip=10.0.0.11,port=6379,state=online,offset=10,lag=0\r\n");
            assertThat(m.replicas).hasSize(1);
        }
    }

    @Test
    void aReplicaReportingItsMasterByIpNeedsNoFix() {
        try (EngineFixture f = new EngineFixture()) {
            MasterInstance m = f.master("m", "redis-0.example", 6379);
            m.ip = "10.0.0.10";
            f.s.info.refresh(m, "# Replication\r\nrole:master\r\nconnected_slaves:0\r\n");
            ReplicaInstance r = f.s.addReplica(m, "10.0.0.11", 6379);
            EmbeddedChannel rc = f.connect(r);
            f.connect(m);
            f.clock.advance(m.failoverTimeoutMs + 1);
            f.s.info.refresh(m, "# Replication\r\nrole:master\r\nconnected_slaves:0\r\n");
            f.s.info.refresh(r, "# Replication\r\nrole:slave\r\nmaster_host:10.0.0.10\r\nmaster_port:6379\r\n"
                    + "master_link_status:up\r\nslave_repl_offset:10\r\n");
            f.clock.advance(m.failoverTimeoutMs + 1);
            f.s.info.refresh(m, "# Replication\r\nrole:master\r\nconnected_slaves:0\r\n");
            f.s.info.refresh(r, "# Replication\r\nrole:slave\r\nmaster_host:10.0.0.10\r\nmaster_port:6379\r\n"
                    + "master_link_status:up\r\nslave_repl_offset:10\r\n");
            assertThat(f.eventTypes()).doesNotContain("+fix-slave-config");
            assertThat(FakeLinks.sentCommands(rc)).noneMatch(c -> c.get(0).equals("SLAVEOF"));
        }
    }

    @Test
    void clientsAreToldTheHostnameOrTheIpAsAnnounceHostnamesSays() {
        try (EngineFixture f = new EngineFixture()) {
            MasterInstance m = f.master("m", "redis-0.example", 6379);
            m.ip = "10.0.0.10";
            f.s.config.announceHostnames = true;
            assertThat(f.s.announced(m)).isEqualTo("redis-0.example");
            assertThat(f.s.describe(m)).isEqualTo("master m redis-0.example 6379");
            f.s.config.announceHostnames = false;
            assertThat(f.s.announced(m)).isEqualTo("10.0.0.10");
            ReplicaInstance r = f.s.addReplica(m, "redis-1.example", 6379);
            assertThat(f.s.describe(r)).isEqualTo("slave redis-1.example:6379 redis-1.example 6379 @ m 10.0.0.10 6379");
        }
    }
}
