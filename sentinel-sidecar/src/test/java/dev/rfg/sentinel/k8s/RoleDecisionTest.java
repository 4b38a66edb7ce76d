package dev.rfg.sentinel.k8s;

import dev.rfg.sentinel.k8s.RoleDecision.Decision;
import dev.rfg.sentinel.k8s.RoleDecision.Inputs;
import dev.rfg.sentinel.k8s.RoleDecision.Kind;
import dev.rfg.sentinel.k8s.RoleDecision.PeerAnswer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every branch of the start-as-replica guard. */
class RoleDecisionTest {
    static final String ME = "g-0.g-headless.ns.svc.cluster.local";
    static final String P1 = "g-1.g-headless.ns.svc.cluster.local";
    static final String P2 = "g-2.g-headless.ns.svc.cluster.local";

    static Decision decide(boolean bootstrap, boolean sawMaster, String localRole, String ownMaster,
            PeerAnswer... peers) {
        return RoleDecision.decide(new Inputs(ME, 3, bootstrap, sawMaster, localRole, ownMaster, List.of(peers)));
    }

    @Test
    void redisAlreadyRunningIsLeftAlone() {
        Decision d = decide(true, true, "master", ME, PeerAnswer.master("g-1", ME, 4));
        assertThat(d.kind()).isEqualTo(Kind.ALREADY_RUNNING);
        assertThat(d.masterHost()).as("the master a sidecar without state monitors").isEqualTo(ME);
    }

    @Test
    void aSidecarWithoutStateBesideARunningRedisFollowsTheNewestPeer() {
        Decision d = decide(false, false, "slave", null, PeerAnswer.master("g-1", P1, 2),
                PeerAnswer.master("g-2", P2, 7));
        assertThat(d.kind()).isEqualTo(Kind.ALREADY_RUNNING);
        assertThat(d.masterHost()).isEqualTo(P2);
        assertThat(decide(false, false, "slave", null, PeerAnswer.noMaster("g-1")).masterHost()).isNull();
    }

    @Test
    void aPeerNamingAnotherPodMakesThisAReplica() {
        Decision d = decide(true, false, null, null, PeerAnswer.unreachable("g-1"), PeerAnswer.master("g-2", P2, 3));
        assertThat(d.kind()).isEqualTo(Kind.REPLICA);
        assertThat(d.masterHost()).isEqualTo(P2);
    }

    @Test
    void theNewestConfigurationAmongPeersWins() {
        Decision d = decide(false, true, null, P1, PeerAnswer.master("g-1", P1, 3), PeerAnswer.master("g-2", P2, 5));
        assertThat(d.kind()).isEqualTo(Kind.REPLICA);
        assertThat(d.masterHost()).isEqualTo(P2);
    }

    @Test
    void peersNamingThisPodAsMasterMeanWaitEvenForTheBootstrapPod() {
        // A master that restarted (maybe empty) must not come back as master: wait for the failover.
        assertThat(decide(true, true, null, ME, PeerAnswer.master("g-1", ME, 2)).kind()).isEqualTo(Kind.WAIT);
        assertThat(decide(true, false, null, null, PeerAnswer.master("g-1", ME, 0)).kind()).isEqualTo(Kind.WAIT);
        assertThat(decide(false, true, null, ME, PeerAnswer.master("g-2", ME.toUpperCase(), 7)).kind())
                .isEqualTo(Kind.WAIT);
    }

    @Test
    void firstCreationBootstrapPodStartsAsMaster() {
        assertThat(decide(true, false, null, null, PeerAnswer.unreachable("g-1"), PeerAnswer.unreachable("g-2"))
                .kind()).isEqualTo(Kind.MASTER);
        assertThat(decide(true, false, null, null, PeerAnswer.noMaster("g-1"), PeerAnswer.unreachable("g-2"))
                .kind()).isEqualTo(Kind.MASTER);
    }

    @Test
    void bootstrapPodWhoseStateSawAMasterWaits() {
        Decision d = decide(true, true, null, ME, PeerAnswer.unreachable("g-1"), PeerAnswer.noMaster("g-2"));
        assertThat(d.kind()).isEqualTo(Kind.WAIT);
    }

    @Test
    void nonBootstrapPodWithNoKnownMasterWaits() {
        assertThat(decide(false, false, null, null, PeerAnswer.unreachable("g-1"), PeerAnswer.noMaster("g-2"))
                .kind()).isEqualTo(Kind.WAIT);
    }

    @Test
    void ownStateNamingAnotherPodMakesThisAReplicaWhenNoPeerAnswers() {
        Decision d = decide(false, true, null, P1, PeerAnswer.unreachable("g-1"), PeerAnswer.unreachable("g-2"));
        assertThat(d.kind()).isEqualTo(Kind.REPLICA);
        assertThat(d.masterHost()).isEqualTo(P1);
    }

    @Test
    void aGroupOfOneStartsAsMaster() {
        Decision d = RoleDecision.decide(new Inputs(ME, 1, true, true, null, ME, List.of()));
        assertThat(d.kind()).isEqualTo(Kind.MASTER);
    }
}
