package dev.rfg.sentinel.server;

import dev.rfg.sentinel.engine.Flag;
import dev.rfg.sentinel.engine.Instance;
import dev.rfg.sentinel.engine.MasterInstance;
import dev.rfg.sentinel.engine.Sentinel;
import dev.rfg.sentinel.resp.Reply;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** INFO with the sections a sentinel has: server, clients, cpu, stats, sentinel. */
final class InfoCommand {
    private static final List<String> ALL = List.of("server", "clients", "cpu", "stats", "sentinel");

    private InfoCommand() {}

    static Reply info(ServerContext ctx, List<String> a) {
        Set<String> wanted = new java.util.LinkedHashSet<>();
        for (String s : a.subList(1, a.size())) {
            String l = s.toLowerCase(Locale.ROOT);
            if (l.equals("all") || l.equals("default") || l.equals("everything")) {
                wanted.addAll(ALL);
            } else {
                wanted.add(l);
            }
        }
        if (wanted.isEmpty()) {
            wanted.addAll(ALL);
        }
        StringBuilder sb = new StringBuilder();
        for (String section : ALL) {
            if (!wanted.contains(section)) {
                continue;
            }
            if (!sb.isEmpty()) {
                sb.append("\r\n");
            }
            switch (section) {
                case "server" -> server(ctx, sb);
                case "clients" -> clients(ctx, sb);
                case "cpu" -> cpu(sb);
                case "stats" -> stats(ctx, sb);
                default -> sentinel(ctx, sb);
            }
        }
        return Reply.bulk(sb.toString());
    }

    private static void server(ServerContext ctx, StringBuilder sb) {
        Sentinel s = ctx.sentinel;
        long uptime = (System.currentTimeMillis() - s.startTime) / 1000;
        sb.append("# Server\r\n")
                .append("redis_version:").append(ServerCommands.VERSION).append("\r\n")
                .append("redis_git_sha1:00000000\r\nredis_git_dirty:0\r\n")
                .append("redis_build_id:rfg\r\nredis_mode:sentinel\r\n")
                .append("os:").append(System.getProperty("os.name")).append(' ')
                .append(System.getProperty("os.version")).append(' ').append(System.getProperty("os.arch")).append("\r\n")
                .append("arch_bits:64\r\nmultiplexing_api:epoll\r\n")
                .append("implementation:rfg-sentinel (java ").append(Runtime.version().feature()).append(")\r\n")
                .append("process_id:").append(ProcessHandle.current().pid()).append("\r\n")
                .append("run_id:").append(s.myId).append("\r\n")
                .append("tcp_port:").append(s.config.port).append("\r\n")
                .append("uptime_in_seconds:").append(uptime).append("\r\n")
                .append("uptime_in_days:").append(uptime / 86400).append("\r\n")
                .append("hz:10\r\nconfigured_hz:10\r\n")
                .append("config_file:").append(s.config.file == null ? "" : s.config.file.toAbsolutePath()).append("\r\n");
    }

    private static void clients(ServerContext ctx, StringBuilder sb) {
        long pubsub = ctx.clients.values().stream().filter(ClientSession::inPubSub).count();
        sb.append("# Clients\r\nconnected_clients:").append(ctx.clients.size()).append("\r\n")
                .append("pubsub_clients:").append(pubsub).append("\r\n")
                .append("blocked_clients:0\r\ntracking_clients:0\r\n");
    }

    private static void cpu(StringBuilder sb) {
        double cpu = ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            cpu = os.getProcessCpuTime() / 1e9;
        }
        sb.append("# CPU\r\nused_cpu_sys:0.000000\r\nused_cpu_user:")
                .append(String.format(Locale.ROOT, "%.6f", cpu)).append("\r\n");
    }

    private static void stats(ServerContext ctx, StringBuilder sb) {
        sb.append("# Stats\r\ntotal_connections_received:").append(ctx.totalConnections).append("\r\n")
                .append("total_commands_processed:").append(ctx.totalCommands).append("\r\n")
                .append("rejected_connections:").append(ctx.rejectedConnections).append("\r\n")
                .append("pubsub_channels:").append(ctx.pubsub.numChannels()).append("\r\n")
                .append("pubsub_patterns:").append(ctx.pubsub.numPatterns()).append("\r\n");
    }

    private static void sentinel(ServerContext ctx, StringBuilder sb) {
        Sentinel s = ctx.sentinel;
        sb.append("# Sentinel\r\nsentinel_masters:").append(s.masters.size()).append("\r\n")
                .append("sentinel_tilt:").append(s.tilt ? 1 : 0).append("\r\n")
                .append("sentinel_tilt_since_seconds:")
                .append(s.tilt ? (System.currentTimeMillis() - s.tiltStartTime) / 1000 : -1).append("\r\n")
                .append("sentinel_running_scripts:0\r\nsentinel_scripts_queue_length:0\r\n")
                .append("sentinel_simulate_failure_flags:").append((s.simulateCrashAfterElection ? 1 : 0) | (s.simulateCrashAfterPromotion ? 2 : 0))
                .append("\r\n");
        int i = 0;
        for (MasterInstance m : s.masters.values()) {
            Instance addr = Sentinel.currentMasterAddress(m);
            String status = m.has(Flag.O_DOWN) ? "odown" : m.has(Flag.S_DOWN) ? "sdown" : "ok";
            sb.append("master").append(i++).append(":name=").append(m.name).append(",status=").append(status)
                    .append(",address=").append(addr.host).append(':').append(addr.port)
                    .append(",slaves=").append(m.replicas.size())
                    .append(",sentinels=").append(m.sentinels.size() + 1).append("\r\n");
        }
    }
}
