package dev.rfg.sentinel.engine;

import dev.rfg.sentinel.link.RedisConnection;
import dev.rfg.sentinel.resp.Reply;

import java.util.List;

/**
 * Opens the links of an instance (sentinelReconnectInstance): AUTH, CLIENT SETNAME, then PING on the
 * command link and SUBSCRIBE __sentinel__:hello on the Pub/Sub link; closes links that went idle.
 */
public final class LinkConnector {
    private final Sentinel s;

    LinkConnector(Sentinel s) {
        this.s = s;
    }

    void reconnect(Instance ri) {
        InstanceLink link = ri.link;
        if (!link.disconnected()) {
            return;
        }
        long now = s.clock.now();
        boolean fastRetry = s.refusalMeansDown && ri instanceof MasterInstance && link.refusedInARow > 0;
        if (now - link.lastReconnTime < (fastRetry ? s.timers.refusedRetryPeriod : s.timers.pingPeriod)) {
            return;
        }
        link.lastReconnTime = now;
        forgetClosed(link);
        if (link.cc == null && !link.ccConnecting && link.actPingTime == 0) {
            // As in redis-sentinel, the PING that follows a reconnect counts as sent when the attempt starts:
            // an unreachable instance is SDOWN down-after ms after the first attempt, not after its last PONG.
            link.actPingTime = now;
        }
        if (link.cc == null && !link.ccConnecting) {
            link.ccConnecting = true;
            link.cc = s.connector.connect(ri.host, ri.port, r -> { }, () -> { }, conn -> {
                if (ri.link != link || link.cc != conn) {
                    conn.close();
                    return;
                }
                link.ccConnecting = false;
                link.ccConnTime = s.clock.now();
                link.refusedSince = 0;
                link.refusedInARow = 0;
                String ip = conn.remoteIp();
                if (ip != null) {
                    ri.ip = ip;
                }
                authAndName(ri, conn, "cmd");
                s.links.sendPing(ri);
                if (s.fastPaths && !(ri instanceof SentinelPeer)) {
                    // RFG: INFO with the first PING, not at the next tick: a replica found a moment ago is then
                    // already a candidate for a SENTINEL FAILOVER asked right after discovery.
                    s.links.sendInfo(ri);
                }
                conn.flush();
            }, conn -> {
                if (link.cc == conn) {
                    if (conn.refused()) {
                        if (link.refusedInARow++ == 0) {
                            link.refusedSince = s.clock.now();
                        }
                    } else if (link.ccConnecting) {
                        link.refusedInARow = 0;
                    }
                    link.cc = null;
                    link.ccConnecting = false;
                    // What the next reconnect attempt would do anyway (see above), without waiting for a tick.
                    if (link.actPingTime == 0) {
                        link.actPingTime = s.clock.now();
                    }
                }
            });
        }
        if (link.needsPubsub && link.pc == null && !link.pcConnecting) {
            link.pcConnecting = true;
            link.pc = s.connector.connect(ri.host, ri.port, msg -> onPubsubMessage(ri, msg),
                    () -> link.pcLastActivity = s.clock.now(), conn -> {
                        if (ri.link != link || link.pc != conn) {
                            conn.close();
                            return;
                        }
                        link.pcConnecting = false;
                        link.pcConnTime = s.clock.now();
                        link.pcLastActivity = link.pcConnTime;
                        authAndName(ri, conn, "pubsub");
                        conn.flush();
                        conn.subscribe(ri.master().command("SUBSCRIBE"), LinkManager.HELLO_CHANNEL);
                    }, conn -> {
                        if (link.pc == conn) {
                            link.pc = null;
                            link.pcConnecting = false;
                        }
                    });
        }
    }

    /**
     * A connection whose socket is closed is gone, whether or not its close callback cleared it. The Connector
     * runs its callbacks only after {@code link.cc}/{@code link.pc} is stored; should a callback ever come
     * first (it did: a name that does not resolve failed inside connect()), it ignores the connection as a
     * stale one, and without this the link would stay "connecting" and never be retried.
     */
    private static void forgetClosed(InstanceLink link) {
        if (link.cc != null && link.cc.isClosed()) {
            link.cc = null;
            link.ccConnecting = false;
        }
        if (link.pc != null && link.pc.isClosed()) {
            link.pc = null;
            link.pcConnecting = false;
        }
    }

    private void authAndName(Instance ri, RedisConnection conn, String kind) {
        MasterInstance m = ri.master();
        List<String> auth = authCommand(ri);
        if (auth != null) {
            conn.send(auth, null);
        }
        conn.send(List.of(m.command("CLIENT"), "SETNAME", "sentinel-" + s.myId.substring(0, 8) + "-" + kind), null);
    }

    /**
     * The AUTH an instance gets on connect, or null (sentinelSendAuthIfNeeded): toward Redis the master's
     * auth-user/auth-pass; toward peers sentinel-user/sentinel-pass, or, without sentinel-pass, the old
     * convention of requirepass for both directions, then as the default user.
     */
    List<String> authCommand(Instance ri) {
        String user;
        String pass;
        if (ri instanceof SentinelPeer) {
            boolean own = s.config.sentinelPass != null;
            pass = own ? s.config.sentinelPass : s.config.requirepass;
            user = own ? s.config.sentinelUser : null;
        } else {
            user = ri.master().authUser;
            pass = ri.master().authPass;
        }
        if (pass == null) {
            return null;
        }
        String verb = ri.master().command("AUTH");
        return user != null ? List.of(verb, user, pass) : List.of(verb, pass);
    }

    private void onPubsubMessage(Instance ri, Reply msg) {
        if (msg instanceof Reply.Arr a && a.items().size() == 3
                && a.items().stream().allMatch(i -> i instanceof Reply.Bulk)
                && "message".equals(a.items().get(0).text())
                && LinkManager.HELLO_CHANNEL.equals(a.items().get(1).text())) {
            s.hello.process(a.items().get(2).text());
        }
    }

    /** Idle-link checks of sentinelCheckSubjectivelyDown. */
    void closeIdleLinks(Instance ri, long now) {
        InstanceLink link = ri.link;
        if (link.ccUp() && now - link.ccConnTime >= s.timers.minLinkReconnectPeriod && link.actPingTime != 0
                && now - link.actPingTime > ri.downAfterMs / 2 && now - link.lastPongTime > ri.downAfterMs / 2) {
            link.cc.close();
            link.cc = null;
        }
        if (link.pcUp() && now - link.pcConnTime >= s.timers.minLinkReconnectPeriod
                && now - link.pcLastActivity >= s.timers.publishPeriod * 3) {
            link.pc.close();
            link.pc = null;
        }
    }
}
