package dev.rfg.sentinel.engine;

import java.util.ArrayList;
import java.util.List;

/** The fields of an INFO reply that Sentinel uses (§3), parsed by line prefix. */
public final class InfoReport {
    public record ReplicaAddr(String host, int port) {}

    public String runId;
    public Role role;
    public String masterHost;
    public int masterPort;
    public boolean masterLinkUp;
    public long masterLinkDownSinceSeconds = -1;
    public Integer slavePriority;
    public Long replOffset;
    public Boolean replicaAnnounced;
    public final List<ReplicaAddr> replicas = new ArrayList<>();

    public static InfoReport parse(String text) {
        InfoReport r = new InfoReport();
        for (String line : text.split("\r\n")) {
            if (line.startsWith("run_id:") && line.length() >= 47) {
                r.runId = line.substring(7, 47);
            } else if (line.startsWith("slave") && line.indexOf(':') > 5 && Character.isDigit(line.charAt(5))) {
                parseReplicaLine(line.substring(line.indexOf(':') + 1), r);
            } else if (line.startsWith("master_link_down_since_seconds:")) {
                r.masterLinkDownSinceSeconds = parseLong(line.substring(31), -1);
            } else if (line.startsWith("role:master")) {
                r.role = Role.MASTER;
            } else if (line.startsWith("role:slave")) {
                r.role = Role.SLAVE;
            } else if (line.startsWith("master_host:")) {
                r.masterHost = line.substring(12);
            } else if (line.startsWith("master_port:")) {
                r.masterPort = (int) parseLong(line.substring(12), 0);
            } else if (line.startsWith("master_link_status:")) {
                r.masterLinkUp = line.substring(19).equalsIgnoreCase("up");
            } else if (line.startsWith("slave_priority:")) {
                r.slavePriority = (int) parseLong(line.substring(15), 100);
            } else if (line.startsWith("slave_repl_offset:")) {
                r.replOffset = parseLong(line.substring(18), 0);
            } else if (line.startsWith("replica_announced:")) {
                r.replicaAnnounced = !line.substring(18).trim().equals("0");
            }
        }
        return r;
    }

    private static void parseReplicaLine(String v, InfoReport r) {
        String ip = null;
        String port = null;
        if (v.contains("=")) {
            for (String kv : v.split(",")) {
                if (kv.startsWith("ip=")) {
                    ip = kv.substring(3);
                } else if (kv.startsWith("port=")) {
                    port = kv.substring(5);
                }
            }
        } else {
            String[] parts = v.split(",");
            if (parts.length >= 2) {
                ip = parts[0];
                port = parts[1];
            }
        }
        if (ip != null && port != null) {
            long p = parseLong(port.trim(), -1);
            if (p > 0 && p < 65536) {
                r.replicas.add(new ReplicaAddr(ip, (int) p));
            }
        }
    }

    private static long parseLong(String s, long fallback) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
