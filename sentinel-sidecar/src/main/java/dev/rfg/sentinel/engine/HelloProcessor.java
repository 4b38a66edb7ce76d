package dev.rfg.sentinel.engine;

import dev.rfg.sentinel.events.SentinelEvent;

import java.util.Iterator;

/** Handles {@code __sentinel__:hello} payloads: peer discovery, epochs and config propagation (§2.8). */
public final class HelloProcessor {
    private final Sentinel s;

    HelloProcessor(Sentinel s) {
        this.s = s;
    }

    public void process(String payload) {
        String[] t = payload.split(",", -1);
        if (t.length != 8 || payload.contains(s.myId)) {
            return;
        }
        MasterInstance m = s.masters.get(t[4]);
        if (m == null) {
            return;
        }
        int port;
        long peerEpoch;
        int masterPort;
        long masterConfigEpoch;
        try {
            port = Integer.parseInt(t[1]);
            peerEpoch = Long.parseLong(t[3]);
            masterPort = Integer.parseInt(t[6]);
            masterConfigEpoch = Long.parseLong(t[7]);
        } catch (NumberFormatException e) {
            return;
        }
        String ip = t[0];
        String runId = t[2];
        if (!s.memberFilter.test(ip)) {
            return; // Kubernetes mode: not a pod of the group (or beyond its size): never a voter.
        }
        SentinelPeer peer = findPeer(m, ip, port, runId);
        if (peer == null) {
            boolean switched = removeMatching(runId, ip, port);
            peer = new SentinelPeer(m, ip, port, runId, s.clock.now());
            m.sentinels.put(runId, peer);
            if (!switched) {
                s.event(SentinelEvent.Level.NOTICE, "+sentinel", peer, null);
            }
            s.persister.flush();
        }
        s.adoptEpoch(peerEpoch);
        s.heardPeerHello = true;
        if (m.configEpoch < masterConfigEpoch) {
            m.configEpoch = masterConfigEpoch;
            if (masterPort != m.port || !t[5].equalsIgnoreCase(m.host)) {
                s.event("+config-update-from", peer, null);
                s.rawEvent("+switch-master", m, m.name + " " + m.host + " " + m.port + " " + t[5] + " " + masterPort);
                s.switcher.resetMasterAndChangeAddress(m, t[5], masterPort);
            } else {
                s.persister.flush();
            }
        }
        peer.lastHelloTime = s.clock.now();
    }

    private static SentinelPeer findPeer(MasterInstance m, String ip, int port, String runId) {
        SentinelPeer p = m.sentinels.get(runId);
        return p != null && p.addrEquals(ip, port) ? p : null;
    }

    /**
     * Removes peers with the same run id (an address switch) or, failing that, the same address with
     * another run id, across all masters. Returns true for an address switch.
     */
    private boolean removeMatching(String runId, String ip, int port) {
        boolean switched = false;
        for (MasterInstance m : s.masters.values()) {
            SentinelPeer same = m.sentinels.get(runId);
            if (same != null) {
                same.link.close();
                m.sentinels.remove(runId);
                s.event(SentinelEvent.Level.NOTICE, "+sentinel-address-switch", m,
                        "ip " + ip + " port " + port + " for " + runId);
                switched = true;
            }
        }
        if (switched) {
            return true;
        }
        for (MasterInstance m : s.masters.values()) {
            for (Iterator<SentinelPeer> it = m.sentinels.values().iterator(); it.hasNext(); ) {
                SentinelPeer p = it.next();
                if (p.addrEquals(ip, port) && !runId.equals(p.runId)) {
                    s.event(SentinelEvent.Level.NOTICE, "+sentinel-invalid-addr", p, null);
                    p.link.close();
                    it.remove();
                }
            }
        }
        return false;
    }
}
