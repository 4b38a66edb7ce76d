package dev.rfg.sentinel.engine;

/**
 * RFG's election fast path: among this sentinel and the reachable peers that reported the master down,
 * the one with the lowest run id is the preferred candidate. Every sentinel computes it from the same
 * facts, so usually exactly one starts the election at once and the others vote for it.
 */
final class PreferredCandidate {
    private PreferredCandidate() {}

    static boolean isMe(Sentinel s, MasterInstance m) {
        for (SentinelPeer p : m.sentinels.values()) {
            if (p.runId != null && p.has(Flag.MASTER_DOWN) && !p.has(Flag.S_DOWN) && !p.link.disconnected()
                    && p.runId.compareToIgnoreCase(s.myId) < 0) {
                return false;
            }
        }
        return true;
    }
}
