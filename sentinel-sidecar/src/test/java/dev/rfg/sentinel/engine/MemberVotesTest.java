package dev.rfg.sentinel.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** In Kubernetes mode a vote goes only to a member of the group (a known peer) or to this sentinel itself. */
class MemberVotesTest {
    private static final String PEER = "00000000000000000000000000000000000000aa";
    private static final String STRANGER = "00000000000000000000000000000000000000cc";

    @Test
    void aRequesterThatIsNoMemberGetsNoVote() {
        try (EngineFixture f = new EngineFixture()) {
            MasterInstance m = f.master("m", "10.0.0.10", 6379);
            m.sentinels.put(PEER, new SentinelPeer(m, "10.0.0.2", 26379, PEER, f.clock.now()));
            f.s.votesForMembersOnly = true;
            assertThat(f.s.election.voteLeader(m, 1, STRANGER).leader()).isNull();
            assertThat(f.s.election.voteLeader(m, 1, PEER).leader()).isEqualTo(PEER);
            assertThat(f.s.election.voteLeader(m, 2, f.s.myId).leader()).isEqualTo(f.s.myId);
        }
    }

    @Test
    void standaloneVotesForAnyRequesterAsStockDoes() {
        try (EngineFixture f = new EngineFixture()) {
            MasterInstance m = f.master("m", "10.0.0.10", 6379);
            assertThat(f.s.election.voteLeader(m, 1, STRANGER).leader()).isEqualTo(STRANGER);
        }
    }
}
