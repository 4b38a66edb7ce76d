package dev.rfg.sentinel.engine;

import dev.rfg.sentinel.events.SentinelEvent;

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
            boolean switched = removeMatching(m, runId, ip, port);
            peer = new SentinelPeer(m, ip, port, runId, s.clock.now());
            m.sentinels.put(runId, peer);
            if (!switched) {
                s.event(SentinelEvent.Level.NOTICE, "+sentinel", peer, null);
            } else {
                updateAddressInOtherMasters(peer);
            }
            s.persister.flush();
        }
        s.adoptEpoch(peerEpoch);
        s.voteGate.heard(s, Math.max(peerEpoch, masterConfigEpoch));
        if (m.configEpoch < masterConfigEpoch) {
            m.configEpoch = masterConfigEpoch;
            if (!m.addrEquals(t[5], masterPort)) {
                s.event("+config-update-from", peer, null);
                s.rawEvent("+switch-master", m, m.name + " " + s.announced(m) + " " + m.port + " " + t[5] + " " + masterPort);
                String oldHost = s.announced(m);
                int oldPort = m.port;
                s.switcher.resetMasterAndChangeAddress(m, t[5], masterPort);
                s.scripts.clientReconf(m, false, "start", oldHost, oldPort, s.announced(m), m.port);
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
     * On the master of the hello: removes the peer with the same run id (an address switch) or, failing that,
     * every peer at the same address with another run id, across all masters (stock marks that address invalid).
     * Returns true for an address switch.
     */
    private boolean removeMatching(MasterInstance m, String runId, String ip, int port) {
        SentinelPeer same = m.sentinels.remove(runId);
        if (same != null) {
            same.link.close();
            s.event(SentinelEvent.Level.NOTICE, "+sentinel-address-switch", m,
                    "ip " + ip + " port " + port + " for " + runId);
            return true;
        }
        String obsolete = null;
        for (SentinelPeer p : m.sentinels.values()) {
            if (p.addrEquals(ip, port) && !runId.equals(p.runId)) {
                s.event(SentinelEvent.Level.NOTICE, "+sentinel-invalid-addr", p, null);
                obsolete = p.runId;
                break;
            }
        }
        if (obsolete != null) {
            for (MasterInstance other : s.masters.values()) {
                SentinelPeer p = other.sentinels.remove(obsolete);
                if (p != null) {
                    p.link.close();
                }
            }
        }
        return false;
    }

    /**
     * sentinelUpdateSentinelAddressInAllMasters: a peer that moved is the same sentinel in every master it
     * monitors with us, so its new address applies to all of them at once, not only once each master's own hello
     * arrives.
     */
    private void updateAddressInOtherMasters(SentinelPeer moved) {
        int updated = 0;
        for (MasterInstance other : s.masters.values()) {
            SentinelPeer p = other.sentinels.get(moved.runId);
            if (other == moved.master() || p == null || p.addrEquals(moved.host, moved.port)) {
                continue;
            }
            p.link.close();
            p.moveTo(moved.host, moved.port);
            p.link = new InstanceLink(false, s.clock.now());
            updated++;
        }
        if (updated > 0) {
            s.event(SentinelEvent.Level.NOTICE, "+sentinel-address-update", moved,
                    updated + " additional matching instances");
        }
    }
}
