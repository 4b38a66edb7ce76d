package dev.rfg.sentinel.k8s;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The local Redis's metrics under the names and labels of oliver006/redis_exporter (issue #16), so dashboards and
 * alerts written for it work: rendered from one INFO, in Prometheus's text format, beside the sentinel's own
 * {@code rfg_sentinel_*} metrics. Only what that exporter calls the same; nothing here asks Redis anything.
 */
final class RedisMetrics {

    private RedisMetrics() {}

    /** A gauge or counter taken as it is from an INFO field. */
    private record Plain(String field, String name, String type, String help) {}

    private static final Plain[] PLAIN = {
        new Plain("uptime_in_seconds", "redis_uptime_in_seconds", "gauge", "Seconds since Redis started."),
        new Plain("connected_clients", "redis_connected_clients", "gauge", "Client connections."),
        new Plain("blocked_clients", "redis_blocked_clients", "gauge", "Clients blocked in a blocking call."),
        new Plain("used_memory", "redis_memory_used_bytes", "gauge", "Memory Redis allocated."),
        new Plain("used_memory_rss", "redis_memory_used_rss_bytes", "gauge", "Resident memory of the process."),
        new Plain("maxmemory", "redis_memory_max_bytes", "gauge", "maxmemory (0: no limit)."),
        new Plain("total_connections_received", "redis_connections_received_total", "counter",
                "Connections accepted."),
        new Plain("total_commands_processed", "redis_commands_processed_total", "counter", "Commands processed."),
        new Plain("keyspace_hits", "redis_keyspace_hits_total", "counter", "Key lookups that found the key."),
        new Plain("keyspace_misses", "redis_keyspace_misses_total", "counter", "Key lookups that did not."),
        new Plain("evicted_keys", "redis_evicted_keys_total", "counter", "Keys evicted because of maxmemory."),
        new Plain("expired_keys", "redis_expired_keys_total", "counter", "Keys that expired."),
        new Plain("rejected_connections", "redis_rejected_connections_total", "counter",
                "Connections refused because of maxclients."),
        new Plain("total_net_input_bytes", "redis_net_input_bytes_total", "counter", "Bytes read from the network."),
        new Plain("total_net_output_bytes", "redis_net_output_bytes_total", "counter", "Bytes written to it."),
        new Plain("used_cpu_sys", "redis_cpu_sys_seconds_total", "counter", "System CPU seconds."),
        new Plain("used_cpu_user", "redis_cpu_user_seconds_total", "counter", "User CPU seconds."),
        new Plain("connected_slaves", "redis_connected_slaves", "gauge", "Replicas connected to this master."),
        new Plain("sync_full", "redis_replica_resyncs_full", "gauge", "Full syncs this master served."),
        new Plain("master_repl_offset", "redis_master_repl_offset", "gauge", "This Redis's replication offset."),
        new Plain("rdb_changes_since_last_save", "redis_rdb_changes_since_last_save", "gauge",
                "Changes since the last RDB save."),
        new Plain("rdb_last_save_time", "redis_rdb_last_save_timestamp_seconds", "gauge",
                "Unix time of the last RDB save."),
        new Plain("aof_enabled", "redis_aof_enabled", "gauge", "1 when the AOF is on."),
        new Plain("loading", "redis_loading_dump_file", "gauge", "1 while the dataset is loading."),
    };

    /** The metrics of one INFO reply; with none ({@code info} null: Redis did not answer) only redis_up 0. */
    static String render(String info) {
        StringBuilder b = new StringBuilder();
        metric(b, "redis_up", "gauge", "1 when the sidecar could read the local Redis's INFO.", "",
                info == null ? "0" : "1");
        if (info == null) {
            return b.toString();
        }
        Map<String, String> f = fields(info);
        Map<String, String> labels = new LinkedHashMap<>();
        for (String key : new String[] {"role", "redis_version", "redis_build_id", "redis_mode", "os",
            "maxmemory_policy", "tcp_port", "run_id", "process_id"}) {
            labels.put(key, f.getOrDefault(key, ""));
        }
        metric(b, "redis_instance_info", "gauge", "Facts about the instance, as labels.", labels(labels), "1");
        for (Plain p : PLAIN) {
            String v = f.get(p.field());
            if (v != null && isNumber(v)) {
                metric(b, p.name(), p.type(), p.help(), "", v);
            }
        }
        if (f.containsKey("rdb_last_bgsave_status")) {
            metric(b, "redis_rdb_last_bgsave_status", "gauge", "1 when the last RDB save succeeded.", "",
                    "ok".equals(f.get("rdb_last_bgsave_status")) ? "1" : "0");
        }
        if (f.containsKey("aof_last_write_status")) {
            metric(b, "redis_aof_last_write_status", "gauge", "1 when the last AOF write succeeded.", "",
                    "ok".equals(f.get("aof_last_write_status")) ? "1" : "0");
        }
        if ("slave".equals(f.get("role"))) {
            Map<String, String> master = new LinkedHashMap<>();
            master.put("master_host", f.getOrDefault("master_host", ""));
            master.put("master_port", f.getOrDefault("master_port", ""));
            String l = labels(master);
            metric(b, "redis_master_link_up", "gauge", "1 when the replication link to the master is up.", l,
                    "up".equals(f.get("master_link_status")) ? "1" : "0");
            if (f.containsKey("slave_repl_offset") && isNumber(f.get("slave_repl_offset"))) {
                metric(b, "redis_slave_repl_offset", "gauge", "The replication offset this replica has processed.",
                        l, f.get("slave_repl_offset"));
            }
            if (f.containsKey("master_sync_in_progress")) {
                metric(b, "redis_master_sync_in_progress", "gauge", "1 while a full sync from the master runs.", l,
                        f.get("master_sync_in_progress"));
            }
        }
        boolean first = true;
        for (Map.Entry<String, String> e : f.entrySet()) {
            // Keyspace lines: db0:keys=1,expires=0,avg_ttl=0
            if (e.getKey().matches("db[0-9]+") && e.getValue().startsWith("keys=")) {
                Map<String, String> db = new LinkedHashMap<>();
                for (String kv : e.getValue().split(",")) {
                    int eq = kv.indexOf('=');
                    if (eq > 0) {
                        db.put(kv.substring(0, eq), kv.substring(eq + 1));
                    }
                }
                String l = "{db=\"" + e.getKey() + "\"}";
                if (first) {
                    b.append("# HELP redis_db_keys Keys in the database.\n# TYPE redis_db_keys gauge\n");
                }
                b.append("redis_db_keys").append(l).append(' ').append(db.getOrDefault("keys", "0")).append('\n');
                b.append("redis_db_keys_expiring").append(l).append(' ').append(db.getOrDefault("expires", "0"))
                        .append('\n');
                first = false;
            }
        }
        return b.toString();
    }

    /** The fields of an INFO reply, by name (the sections do not matter here). */
    static Map<String, String> fields(String info) {
        Map<String, String> f = new LinkedHashMap<>();
        for (String line : info.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) {
                f.put(line.substring(0, colon), line.substring(colon + 1));
            }
        }
        return f;
    }

    private static boolean isNumber(String v) {
        try {
            Double.parseDouble(v);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String labels(Map<String, String> labels) {
        StringBuilder b = new StringBuilder("{");
        labels.forEach((k, v) -> {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append(k).append("=\"").append(escape(v)).append('"');
        });
        return b.append('}').toString();
    }

    /** Prometheus's label value escaping: backslash, double quote, newline. */
    static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** One metric in Prometheus's text format: HELP, TYPE and its one sample (also the sentinel's own metrics). */
    static void metric(StringBuilder b, String name, String type, String help, String labels, String v) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        b.append(name).append(labels).append(' ').append(v).append('\n');
    }
}
