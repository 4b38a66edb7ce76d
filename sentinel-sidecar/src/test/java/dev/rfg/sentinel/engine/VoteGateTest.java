package dev.rfg.sentinel.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sentinel whose identity outlived its state must not vote twice in one epoch: while the fresh-state gate
 * holds it grants no vote, whatever it hears, and every epoch it hears counts as already voted in.
 */
class VoteGateTest {
    private static final String A = "00000000000000000000000000000000000000aa";
    private static final String B = "00000000000000000000000000000000000000bb";

    @Test
    void aFreshStateGrantsNoVoteEvenAfterHearingAPeerHello() {
        try (EngineFixture f = new EngineFixture()) {
            MasterInstance m = f.master("m", "10.0.0.10", 6379);
            f.s.voteGate = VoteGate.freshState(f.s);
            f.s.hello.process(String.join(",", "10.0.0.2", "26379", A, "4", "m", "10.0.0.10", "6379", "3"));
            f.clock.advance(500);
            // Epoch 5 may be one this sentinel voted in before its state was lost (for someone else).
            Election.Vote v = f.s.election.voteLeader(m, 5, B);
            assertThat(v.leader()).isNull();
            assertThat(m.leaderEpoch).isEqualTo(5);
        }
    }

    @Test
    void afterTheGateEpochsHeardDuringItStayVotedAndLaterOnesAreGranted() {
        try (EngineFixture f = new EngineFixture()) {
            MasterInstance m = f.master("m", "10.0.0.10", 6379);
            f.s.voteGate = VoteGate.freshState(f.s);
            f.s.election.voteLeader(m, 5, A);
            f.clock.advance(VoteGate.holdMs(f.s.timers) + 1);

            assertThat(f.s.election.voteLeader(m, 5, B).leader()).isNull();
            Election.Vote v = f.s.election.voteLeader(m, 6, B);
            assertThat(v.leader()).isEqualTo(B);
            assertThat(v.epoch()).isEqualTo(6);
            assertThat(f.s.election.voteLeader(m, 6, A).leader()).isEqualTo(B);
        }
    }

    @Test
    void aStateThatWasRestoredVotesAtOnce() {
        try (EngineFixture f = new EngineFixture()) {
            MasterInstance m = f.master("m", "10.0.0.10", 6379);
            assertThat(f.s.election.voteLeader(m, 1, A).leader()).isEqualTo(A);
        }
    }
}
