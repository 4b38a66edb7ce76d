package dev.rfg.sentinel.engine;

import dev.rfg.sentinel.resp.Reply;

import java.util.List;

/** Sends SENTINEL is-master-down-by-addr to the peers and records their answers (§2.3). */
public final class PeerAsker {
    private final Sentinel s;

    PeerAsker(Sentinel s) {
        this.s = s;
    }

    public void ask(MasterInstance m, boolean forced) {
        long now = s.clock.now();
        long period = s.fastPaths && m.has(Flag.S_DOWN) && !m.has(Flag.O_DOWN)
                ? s.timers.fastAskPeriod : s.timers.askPeriod;
        for (SentinelPeer p : m.sentinels.values()) {
            if (now - p.lastMasterDownReplyTime > s.timers.askPeriod * 5) {
                p.flags.remove(Flag.MASTER_DOWN);
                p.leader = null;
            }
            if (!m.has(Flag.S_DOWN) || p.link.disconnected()) {
                continue;
            }
            if (!forced && now - p.lastMasterDownReplyTime < period) {
                continue;
            }
            if (!forced && p.askPendingOn != null && p.askPendingOn == p.link.cc) {
                continue;
            }
            String runId = m.failoverState != FailoverState.NONE ? s.myId : "*";
            p.askPendingOn = p.link.cc;
            p.link.cc.sendNow(List.of(m.command("SENTINEL"), "is-master-down-by-addr", m.host, Integer.toString(m.port),
                    Long.toString(s.currentEpoch), runId), reply -> onReply(m, p, reply));
        }
    }

    private void onReply(MasterInstance m, SentinelPeer p, Reply reply) {
        p.askPendingOn = null;
        if (!(reply instanceof Reply.Arr a) || a.items().size() != 3
                || !(a.items().get(0) instanceof Reply.Int isDown)
                || !(a.items().get(1) instanceof Reply.Bulk leader)
                || !(a.items().get(2) instanceof Reply.Int leaderEpoch)) {
            return;
        }
        p.lastMasterDownReplyTime = s.clock.now();
        if (isDown.value() == 1) {
            p.flags.add(Flag.MASTER_DOWN);
        } else {
            p.flags.remove(Flag.MASTER_DOWN);
        }
        if (!"*".equals(leader.text())) {
            p.leader = leader.text();
            p.leaderEpoch = leaderEpoch.value();
            s.voteGate.heard(s, leaderEpoch.value());
        }
        if (s.fastPaths && !s.tilt && s.masters.get(m.name) == m) {
            // RFG: act on the answer now instead of on the next timer tick.
            s.down.checkObjectivelyDown(m, s.clock.now());
            if (s.failover.startIfNeeded(m)) {
                ask(m, true);
            }
            s.failover.run(m);
        }
    }
}
