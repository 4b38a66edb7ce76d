package dev.rfg.sentinel.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** ODOWN from the peers' answers, and the leader rule: a majority of the voters and at least the quorum. */
class ElectionRulesTest {
    private static final String A = "00000000000000000000000000000000000000aa";
    private static final String B = "00000000000000000000000000000000000000bb";

    @Test
    void odownNeedsQuorumSentinelsIncludingThisOneAndEndsWhenTheyStopAgreeing() {
        try (EngineFixture f = new EngineFixture()) {
            MasterInstance m = f.master("m", "10.0.0.10", 6379);
            SentinelPeer p = peer(f, m, A);
            m.flags.add(Flag.S_DOWN);
            f.s.down.checkObjectivelyDown(m, f.clock.now());
            assertThat(m.has(Flag.O_DOWN)).isFalse();
            p.flags.add(Flag.MASTER_DOWN);
            f.s.down.checkObjectivelyDown(m, f.clock.now());
            assertThat(m.has(Flag.O_DOWN)).isTrue();
            assertThat(f.events).anyMatch(e -> e.type().equals("+odown") && e.payload().endsWith("#quorum 2/2"));
            p.flags.remove(Flag.MASTER_DOWN);
            f.s.down.checkObjectivelyDown(m, f.clock.now());
            assertThat(m.has(Flag.O_DOWN)).isFalse();
            assertThat(f.eventTypes()).endsWith("-odown");
        }
    }

    @Test
    void theLeaderHasAMajorityOfTheVotersCountingThisSentinelsOwnVote() {
        try (EngineFixture f = new EngineFixture()) {
            MasterInstance m = f.master("m", "10.0.0.10", 6379);
            f.s.voterPolicy = VoterPolicy.fixed(3);
            f.s.currentEpoch = 5;
            peerVoted(f, m, A, A, 5);
            assertThat(f.s.election.getLeader(m, 5)).isEqualTo(A);
            assertThat(m.leader).isEqualTo(A);
        }
    }

    @Test
    void splitVotesElectNobody() {
        try (EngineFixture f = new EngineFixture()) {
            MasterInstance m = f.master("m", "10.0.0.10", 6379);
            f.s.voterPolicy = VoterPolicy.fixed(3);
            f.s.currentEpoch = 5;
            f.s.election.voteLeader(m, 5, B);
            peerVoted(f, m, A, A, 5);
            assertThat(f.s.election.getLeader(m, 5)).isNull();
        }
    }

    @Test
    void aMajorityBelowTheQuorumElectsNobody() {
        try (EngineFixture f = new EngineFixture()) {
            MasterInstance m = f.master("m", "10.0.0.10", 6379);
            m.quorum = 3;
            f.s.voterPolicy = VoterPolicy.fixed(3);
            f.s.currentEpoch = 5;
            peerVoted(f, m, A, A, 5);
            assertThat(f.s.election.getLeader(m, 5)).isNull();
        }
    }

    @Test
    void votesOfAnOlderEpochDoNotCount() {
        try (EngineFixture f = new EngineFixture()) {
            MasterInstance m = f.master("m", "10.0.0.10", 6379);
            f.s.voterPolicy = VoterPolicy.fixed(3);
            f.s.currentEpoch = 6;
            peerVoted(f, m, A, A, 5);
            f.s.election.voteLeader(m, 6, B);
            assertThat(f.s.election.getLeader(m, 6)).isNull();
        }
    }

    /** A peer {@code runId} that reported a vote for {@code leader} in {@code epoch}. */
    private static void peerVoted(EngineFixture f, MasterInstance m, String runId, String leader, long epoch) {
        SentinelPeer p = peer(f, m, runId);
        p.leader = leader;
        p.leaderEpoch = epoch;
    }

    private static SentinelPeer peer(EngineFixture f, MasterInstance m, String runId) {
        SentinelPeer p = new SentinelPeer(m, "10.0.0." + runId.charAt(39), 26379, runId, f.clock.now());
        m.sentinels.put(runId, p);
        return p;
    }
}
