package dev.rfg.sentinel.k8s;

import dev.rfg.sentinel.engine.EngineFixture;
import dev.rfg.sentinel.engine.Flag;
import dev.rfg.sentinel.engine.MasterInstance;
import dev.rfg.sentinel.engine.ReplicaInstance;
import dev.rfg.sentinel.engine.Role;
import dev.rfg.sentinel.link.FakeLinks;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a terminating pod's preStop decides, on an engine without sockets: the master hands over to the replica
 * the failover order prefers among the in-sync ones; a replica, a master without an in-sync replica, and a pod
 * whose master another failover is moving, answer at once. The whole hook under load is the cluster tier's
 * (PlannedHandoverTest).
 */
class PreStopHandoverTest {
    static final String ME = "g-0.g-headless.ns.svc.cluster.local";
    static final String R1 = "g-1.g-headless.ns.svc.cluster.local";
    static final String R2 = "g-2.g-headless.ns.svc.cluster.local";

    @Test
    void theMasterSwitchesOverToTheMostAdvancedInSyncReplica() {
        try (EngineFixture f = new EngineFixture()) {
            MasterInstance m = servingMaster(f);
            inSync(f, m, f.s.addReplica(m, R1, 6379), 1000);
            inSync(f, m, f.s.addReplica(m, R2, 6379), 2000);
            EmbeddedChannel masterLink = f.connect(m);

            assertThat(PreStopHandover.begin(f.s, m, ME, 6379)).isNull();
            assertThat(m.has(Flag.FAILOVER_IN_PROGRESS)).isTrue();
            assertThat(m.switchoverTarget.host).isEqualTo(R2);
            assertThat(FakeLinks.sentCommands(masterLink)).anySatisfy(c ->
                    assertThat(c).startsWith("FAILOVER", "TO", R2, "6379", "TIMEOUT"));
            assertThat(PreStopHandover.progress(m, ME, 6379)).as("still switching").isNull();
        }
    }

    @Test
    void aMasterWithoutAnInSyncReplicaStopsAsItIs() {
        try (EngineFixture f = new EngineFixture()) {
            MasterInstance m = servingMaster(f);
            ReplicaInstance lagging = f.s.addReplica(m, R1, 6379);
            inSync(f, m, lagging, 1000);
            lagging.masterLinkUp = false;
            ReplicaInstance priorityZero = f.s.addReplica(m, R2, 6379);
            inSync(f, m, priorityZero, 5000);
            priorityZero.slavePriority = 0;

            PreStopHandover.Outcome o = PreStopHandover.begin(f.s, m, ME, 6379);
            assertThat(o.ok()).isTrue();
            assertThat(o.message()).contains("no replica is in sync");
            assertThat(m.has(Flag.FAILOVER_IN_PROGRESS)).isFalse();
        }
    }

    @Test
    void aReplicaOrAPodWhoseMasterIsMovingAnswersAtOnce() {
        try (EngineFixture f = new EngineFixture()) {
            MasterInstance m = servingMaster(f);
            inSync(f, m, f.s.addReplica(m, R1, 6379), 1000);

            PreStopHandover.Outcome replica = PreStopHandover.begin(f.s, m, R1, 6379);
            assertThat(replica.ok()).isTrue();
            assertThat(replica.message()).contains("this pod is a replica");

            m.flags.add(Flag.FAILOVER_IN_PROGRESS);
            assertThat(PreStopHandover.begin(f.s, m, R1, 6379).message()).contains("a failover of another pod");
            assertThat(PreStopHandover.begin(f.s, m, ME, 6379)).as("the master waits for the running one").isNull();
            assertThat(PreStopHandover.begin(f.s, null, ME, 6379).message()).contains("monitors no master");
        }
    }

    @Test
    void theWaitEndsOnceTheMasterMovedOrTheSwitchoverEndedWithout() {
        try (EngineFixture f = new EngineFixture()) {
            MasterInstance m = servingMaster(f);
            PreStopHandover.Outcome stayed = PreStopHandover.progress(m, ME, 6379);
            assertThat(stayed.ok()).isFalse();
            assertThat(stayed.message()).contains("ended without a new master");

            m.host = R1;
            PreStopHandover.Outcome moved = PreStopHandover.progress(m, ME, 6379);
            assertThat(moved.ok()).isTrue();
            assertThat(moved.message()).contains("moved to " + R1);
        }
    }

    @Test
    void theBudgetComesFromTheHookAndIsBounded() {
        assertThat(HealthServer.budgetMs("budget-seconds=20")).isEqualTo(20_000);
        assertThat(HealthServer.budgetMs("x=1&budget-seconds=0")).isEqualTo(1_000);
        assertThat(HealthServer.budgetMs("budget-seconds=99999")).isEqualTo(3_600_000);
        assertThat(HealthServer.budgetMs("budget-seconds=abc")).isEqualTo(20_000);
        assertThat(HealthServer.budgetMs(null)).isEqualTo(20_000);
    }

    private static MasterInstance servingMaster(EngineFixture f) {
        MasterInstance m = f.master("g", ME, 6379);
        f.connect(m);
        m.roleReported = Role.MASTER;
        return m;
    }

    private static void inSync(EngineFixture f, MasterInstance m, ReplicaInstance r, long offset) {
        f.connect(r);
        r.roleReported = Role.SLAVE;
        r.masterLinkUp = true;
        r.slaveMasterHost = m.host;
        r.slaveMasterPort = m.port;
        r.infoRefresh = f.clock.now();
        r.replOffset = offset;
    }
}
