package dev.rfg.sentinel.engine;

import java.util.HashMap;
import java.util.Map;

/** Votes and leader counting (§2.4): one vote per master and epoch, persisted before it is returned. */
public final class Election {
    public record Vote(String leader, long epoch) {}

    private final Sentinel s;

    Election(Sentinel s) {
        this.s = s;
    }

    /** sentinelVoteLeader: returns this sentinel's current vote for the master, possibly from an older epoch. */
    public Vote voteLeader(MasterInstance m, long reqEpoch, String reqRunId) {
        if (reqEpoch > s.currentEpoch) {
            s.currentEpoch = reqEpoch;
            s.persister.flush();
            s.rawEvent("+new-epoch", m, Long.toString(reqEpoch));
        }
        s.voteGate.heard(s, reqEpoch);
        if (m.leaderEpoch < reqEpoch && s.currentEpoch <= reqEpoch && s.voteGate.mayVote(s.clock.now())
                && (!s.votesForMembersOnly || s.myId.equalsIgnoreCase(reqRunId) || m.sentinels.containsKey(reqRunId))) {
            m.leader = reqRunId;
            m.leaderEpoch = s.currentEpoch;
            s.persister.flush();
            s.rawEvent("+vote-for-leader", m, m.leader + " " + m.leaderEpoch);
            if (!m.leader.equalsIgnoreCase(s.myId)) {
                m.failoverStartTime = s.clock.now() + Sentinel.random(1000);
                m.deferredStartTime = 0;
            }
        }
        return new Vote(m.leader, m.leaderEpoch);
    }

    /** sentinelGetLeader: the winner of the election for {@code epoch}, or null. */
    public String getLeader(MasterInstance m, long epoch) {
        Map<String, Integer> counters = new HashMap<>();
        int voters = s.voterPolicy.voters(m);
        for (SentinelPeer p : m.sentinels.values()) {
            if (p.leader != null && p.leaderEpoch == s.currentEpoch) {
                counters.merge(p.leader, 1, Integer::sum);
            }
        }
        String winner = null;
        int maxVotes = 0;
        for (Map.Entry<String, Integer> e : counters.entrySet()) {
            if (e.getValue() > maxVotes) {
                maxVotes = e.getValue();
                winner = e.getKey();
            }
        }
        Vote mine = voteLeader(m, epoch, winner != null ? winner : s.myId);
        if (mine.leader() != null && mine.epoch() == epoch) {
            int votes = counters.merge(mine.leader(), 1, Integer::sum);
            if (votes > maxVotes) {
                maxVotes = votes;
                winner = mine.leader();
            }
        }
        if (winner != null && (maxVotes < voters / 2 + 1 || maxVotes < m.quorum)) {
            winner = null;
        }
        return winner;
    }

}
