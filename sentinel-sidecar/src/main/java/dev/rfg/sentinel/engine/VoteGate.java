package dev.rfg.sentinel.engine;

/**
 * Whether this sentinel may grant votes, and which epochs count as already voted in.
 *
 * <p>A sentinel whose identity outlives its state (Kubernetes mode: the voter id comes from the pod, the state
 * file may be new) may have voted in epochs it no longer remembers; voting again in one of them could give one
 * epoch two leaders. So a fresh state grants no vote while {@link #holdMs} runs, long enough that any election
 * which could have counted a forgotten vote has ended (the election timeout, plus the random start delay, plus
 * two hello periods to hear every reachable peer), and every epoch it hears meanwhile (hellos, vote requests,
 * vote replies, config epochs) counts as already voted: it is written as the leader epoch, with no leader, and
 * persisted like a vote. docs/sidecar-contract.md has the argument.
 */
public final class VoteGate {
    private final long openAt;
    private boolean open;

    private VoteGate(long openAt, boolean open) {
        this.openAt = openAt;
        this.open = open;
    }

    /** Stock: state and identity come and go together, so nothing is forgotten. */
    public static VoteGate open() {
        return new VoteGate(0, true);
    }

    /** For a state that is new while the identity is not. */
    public static VoteGate freshState(Sentinel s) {
        return new VoteGate(s.clock.now() + holdMs(s.timers), false);
    }

    static long holdMs(Timers t) {
        return t.electionTimeout + 1_000 + 2 * t.publishPeriod;
    }

    boolean mayVote(long now) {
        if (!open && now >= openAt) {
            open = true;
        }
        return open;
    }

    /** An epoch seen on the wire: while the gate holds, it counts as voted in for every master. */
    void heard(Sentinel s, long epoch) {
        if (mayVote(s.clock.now())) {
            return;
        }
        boolean raised = false;
        for (MasterInstance m : s.masters.values()) {
            if (m.leaderEpoch < epoch) {
                m.leaderEpoch = epoch;
                m.leader = null;
                raised = true;
            }
        }
        if (raised) {
            s.persister.flush();
        }
    }

    public boolean isOpen() {
        return open;
    }
}
