package dev.rfg.sentinel.engine;

import dev.rfg.sentinel.link.RedisConnection;

import java.util.List;

/**
 * The promotion / reconfiguration transaction of §2.7, pipelined in one flush. Replies are ignored:
 * success is judged from later INFO output.
 */
final class SlaveOf {
    private SlaveOf() {}

    /** Sends SLAVEOF host port, or SLAVEOF NO ONE when host is null. False if the link is down. */
    static boolean send(Sentinel s, Instance ri, String host, int port) {
        if (ri.link.disconnected()) {
            return false;
        }
        MasterInstance m = ri.master();
        RedisConnection cc = ri.link.cc;
        List<String> slaveof = host == null
                ? List.of(m.command("SLAVEOF"), "NO", "ONE")
                : List.of(m.command("SLAVEOF"), host, Integer.toString(port));
        cc.send(List.of(m.command("MULTI")), null);
        cc.send(slaveof, null);
        cc.send(List.of(m.command("CONFIG"), "REWRITE"), null);
        cc.send(List.of(m.command("CLIENT"), "KILL", "TYPE", "normal"), null);
        cc.send(List.of(m.command("CLIENT"), "KILL", "TYPE", "pubsub"), null);
        cc.send(List.of(m.command("EXEC")), null);
        cc.flush();
        return true;
    }
}
