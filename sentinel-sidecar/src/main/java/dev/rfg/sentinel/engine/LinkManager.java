package dev.rfg.sentinel.engine;

import dev.rfg.sentinel.link.RedisConnection;
import dev.rfg.sentinel.resp.Reply;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The periodic PING, INFO and hello of every instance (sentinelSendPeriodicCommands), and their replies. */
public final class LinkManager {
    static final String HELLO_CHANNEL = "__sentinel__:hello";
    private static final int MAX_PENDING = 100;
    /** How often a switchover's target is asked for its ACK and its INFO while the master waits for it. */
    static final long SWITCHOVER_POLL_MS = 20;
    private final Sentinel s;

    LinkManager(Sentinel s) {
        this.s = s;
    }

    void sendPing(Instance ri) {
        RedisConnection cc = ri.link.cc;
        if (cc == null || !cc.isActive()) {
            return;
        }
        long now = s.clock.now();
        cc.send(List.of(ri.master().command("PING")), reply -> onPingReply(ri, reply));
        ri.link.lastPingTime = now;
        if (ri.link.actPingTime == 0) {
            ri.link.actPingTime = now;
        }
    }

    private void onPingReply(Instance ri, Reply reply) {
        InstanceLink link = ri.link;
        long now = s.clock.now();
        String text = reply.text();
        if ((reply instanceof Reply.Simple || reply instanceof Reply.Error) && text != null
                && (text.startsWith("PONG") || text.startsWith("LOADING") || text.startsWith("MASTERDOWN"))) {
            link.lastAvailTime = now;
            link.actPingTime = 0;
            if (text.startsWith("PONG") && ri instanceof MasterInstance m) {
                m.rebootSince = 0;
            }
        } else if (reply instanceof Reply.Error && text != null && text.startsWith("BUSY")
                && ri.has(Flag.S_DOWN) && !ri.has(Flag.SCRIPT_KILL_SENT)) {
            ri.flags.add(Flag.SCRIPT_KILL_SENT);
            link.cc.sendNow(List.of(ri.master().command("SCRIPT"), "KILL"), null);
        }
        link.lastPongTime = now;
    }

    void sendPeriodic(Instance ri) {
        InstanceLink link = ri.link;
        if (link.disconnected() || link.pendingCommands() >= MAX_PENDING) {
            return;
        }
        long now = s.clock.now();
        long infoPeriod = infoPeriod(ri);
        long pingPeriod = Math.min(ri.downAfterMs, s.timers.pingPeriod);
        boolean sent = false;
        if (!(ri instanceof SentinelPeer) && (ri.infoRefresh == 0 || now - ri.infoRefresh > infoPeriod)
                && !infoPending(ri)) {
            sendInfo(ri);
            sent = true;
        }
        if (now - link.lastPongTime > pingPeriod && now - link.lastPingTime > pingPeriod / 2) {
            sendPing(ri);
            sent = true;
        }
        if (now - ri.lastPubTime > s.timers.publishPeriod) {
            sent |= sendHello(ri);
        }
        if (sent) {
            link.cc.flush();
        }
    }

    private boolean infoPending(Instance ri) {
        return ri.link.infoPendingOn != null && ri.link.infoPendingOn == ri.link.cc;
    }

    /** RFG: refresh every replica's INFO at once, so replica selection never sees stale data. */
    void refreshReplicas(MasterInstance m) {
        for (ReplicaInstance r : m.replicas.values()) {
            if (!r.link.disconnected() && !infoPending(r)) {
                sendInfo(r);
                r.link.cc.flush();
            }
        }
    }

    void sendInfo(Instance ri) {
        InstanceLink link = ri.link;
        boolean awaitingAck = awaitsSwitchoverAck(ri);
        if (awaitingAck) {
            link.cc.sendUnanswered(List.of(ri.master().command("REPLCONF"), "GETACK", "*"),
                    ri.master().command("PING"));
        }
        link.infoPendingOn = link.cc;
        link.cc.send(List.of(ri.master().command("INFO")), reply -> {
            link.infoPendingOn = null;
            if (ri.link == link && reply instanceof Reply.Bulk b) {
                s.info.refresh(ri, b.text());
                if (awaitingAck) {
                    s.loop.schedule(() -> askAgain(ri, link), SWITCHOVER_POLL_MS, TimeUnit.MILLISECONDS);
                }
            }
        });
    }

    /**
     * A switchover's target while the master's FAILOVER TO waits for it. Redis hands over only once the target's
     * REPLCONF ACK shows the whole (paused) stream, and a replica sends that ACK once a second on its own, so it is
     * asked for one, with INFO, until the target reports role:master. Measured 2026-12-03 under load, before: 743 ms
     * from FAILOVER TO to +promoted-slave (PlannedAndCrashFailoverTest).
     */
    private boolean awaitsSwitchoverAck(Instance ri) {
        return ri instanceof ReplicaInstance r && r.has(Flag.PROMOTED) && r.master().switchoverTarget == r
                && r.master().failoverState == FailoverState.WAIT_PROMOTION && !r.link.disconnected();
    }

    private void askAgain(Instance ri, InstanceLink link) {
        if (ri.link == link && awaitsSwitchoverAck(ri) && !infoPending(ri)) {
            sendInfo(ri);
            link.cc.flush();
        }
    }

    private long infoPeriod(Instance ri) {
        if (ri instanceof ReplicaInstance r) {
            MasterInstance m = r.master();
            if (s.fastPaths && m.has(Flag.FAILOVER_IN_PROGRESS)
                    && ((r.has(Flag.PROMOTED) && m.failoverState == FailoverState.WAIT_PROMOTION)
                    || r.has(Flag.RECONF_SENT) || r.has(Flag.RECONF_INPROG))) {
                return s.timers.fastInfoPeriod;
            }
            if (m.has(Flag.O_DOWN) || m.has(Flag.FAILOVER_IN_PROGRESS) || r.masterLinkDownTime != 0
                    || (s.fastPaths && m.has(Flag.S_DOWN))) {
                return 1000;
            }
        }
        return s.timers.infoPeriod;
    }

    /** PUBLISHes a hello on the command link; false if the link is down. */
    boolean sendHello(Instance ri) {
        InstanceLink link = ri.link;
        if (link.disconnected()) {
            return false;
        }
        MasterInstance m = ri.master();
        Instance addr = Sentinel.currentMasterAddress(m);
        String ip = s.config.announceIp != null ? s.config.announceIp : link.cc.localIp();
        if (ip == null) {
            return false;
        }
        String payload = String.join(",", ip, Integer.toString(s.announcePort()), s.myId,
                Long.toString(s.currentEpoch), m.name, s.announced(addr), Integer.toString(addr.port),
                Long.toString(m.configEpoch));
        link.cc.send(List.of(m.command("PUBLISH"), HELLO_CHANNEL, payload), reply -> {
            if (!reply.isError()) {
                ri.lastPubTime = s.clock.now();
            }
        });
        return true;
    }

    /** Makes hellos for this master due now, and (RFG) sends them at once. */
    public void forceHello(MasterInstance m) {
        List<Instance> all = new ArrayList<>();
        all.add(m);
        all.addAll(m.replicas.values());
        all.addAll(m.sentinels.values());
        for (Instance ri : all) {
            ri.lastPubTime = 0;
            if (s.fastPaths && sendHello(ri)) {
                ri.link.cc.flush();
            }
        }
    }
}
