package dev.rfg.sentinel.server;

import dev.rfg.sentinel.engine.Flag;
import dev.rfg.sentinel.engine.Instance;
import dev.rfg.sentinel.engine.MasterInstance;
import dev.rfg.sentinel.engine.Sentinel;
import dev.rfg.sentinel.resp.Reply;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * INFO with the sections a sentinel has (sentinelInfoCommand): server, clients, stats, cpu (genRedisInfoString's
 * order), then sentinel. Each section has the fields stock prints in sentinel mode that mean something here; those
 * about the C build, memory, keyspace, persistence, replication and forks are left out.
 */
final class InfoCommand {
    private static final List<String> ALL = List.of("server", "clients", "stats", "cpu", "sentinel");

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
                case "cpu" -> cpu(ctx, sb);
                case "stats" -> stats(ctx, sb);
                default -> sentinel(ctx, sb);
            }
        }
        return Reply.bulk(sb.toString());
    }

    private static void server(ServerContext ctx, StringBuilder sb) {
        Sentinel s = ctx.sentinel;
        long now = System.currentTimeMillis();
        long uptime = (now - s.startTime) / 1000;
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
                .append("server_time_usec:").append(now * 1000).append("\r\n")
                .append("uptime_in_seconds:").append(uptime).append("\r\n")
                .append("uptime_in_days:").append(uptime / 86400).append("\r\n")
                .append("hz:10\r\nconfigured_hz:10\r\n")
                .append("config_file:").append(s.config.file == null ? "" : s.config.file.toAbsolutePath()).append("\r\n")
                .append("io_threads_active:0\r\n");
    }

    private static void clients(ServerContext ctx, StringBuilder sb) {
        long tracking = ctx.clients.values().stream().filter(c -> c.tracking).count();
        sb.append("# Clients\r\nconnected_clients:").append(ctx.clients.size()).append("\r\n")
                .append("cluster_connections:0\r\n")
                .append("maxclients:").append(ctx.maxClients).append("\r\n")
                .append("blocked_clients:0\r\n")
                .append("tracking_clients:").append(tracking).append("\r\n")
                .append("clients_in_timeout_table:0\r\n");
    }

    private static void stats(ServerContext ctx, StringBuilder sb) {
        long prefixes = ctx.clients.values().stream().flatMap(c -> c.trackingPrefixes.stream()).distinct().count();
        sb.append("# Stats\r\ntotal_connections_received:").append(ctx.totalConnections).append("\r\n")
                .append("total_commands_processed:").append(ctx.totalCommands).append("\r\n")
                .append("instantaneous_ops_per_sec:").append(ctx.opsPerSec.perSecond()).append("\r\n")
                .append("total_net_input_bytes:").append(ctx.netInputBytes).append("\r\n")
                .append("total_net_output_bytes:").append(ctx.netOutputBytes).append("\r\n")
                .append("instantaneous_input_kbps:").append(kbps(ctx.inputBytesPerSec)).append("\r\n")
                .append("instantaneous_output_kbps:").append(kbps(ctx.outputBytesPerSec)).append("\r\n")
                .append("rejected_connections:").append(ctx.rejectedConnections).append("\r\n")
                .append("pubsub_channels:").append(ctx.pubsub.numChannels()).append("\r\n")
                .append("pubsub_patterns:").append(ctx.pubsub.numPatterns()).append("\r\n")
                .append("tracking_total_keys:0\r\ntracking_total_items:0\r\n")
                .append("tracking_total_prefixes:").append(prefixes).append("\r\n")
                .append("unexpected_error_replies:0\r\n")
                .append("total_error_replies:").append(ctx.totalErrorReplies).append("\r\n")
                .append("total_reads_processed:").append(ctx.readsProcessed).append("\r\n")
                .append("total_writes_processed:").append(ctx.writesProcessed).append("\r\n");
    }

    private static String kbps(ServerContext.Metric m) {
        return String.format(Locale.ROOT, "%.2f", m.perSecond() / 1024.0);
    }

    /** The process's CPU time split into user and system (/proc/self/stat), and the event loop thread's. */
    private static void cpu(ServerContext ctx, StringBuilder sb) {
        double[] proc = processCpu();
        double mainTotal = 0;
        double mainUser = 0;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (ctx.sentinel.loop.inEventLoop() && threads.isCurrentThreadCpuTimeSupported()) {
            mainTotal = threads.getCurrentThreadCpuTime() / 1e9;
            mainUser = threads.getCurrentThreadUserTime() / 1e9;
        }
        sb.append("# CPU\r\n")
                .append("used_cpu_sys:").append(seconds(proc[1])).append("\r\n")
                .append("used_cpu_user:").append(seconds(proc[0])).append("\r\n")
                .append("used_cpu_sys_children:0.000000\r\nused_cpu_user_children:0.000000\r\n")
                .append("used_cpu_sys_main_thread:").append(seconds(Math.max(0, mainTotal - mainUser))).append("\r\n")
                .append("used_cpu_user_main_thread:").append(seconds(mainUser)).append("\r\n");
    }

    /** {user, system} seconds of this process; without /proc, all of the JVM's CPU time as user time. */
    private static double[] processCpu() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // Fields 14 and 15 of proc(5) (utime, stime), counted from field 3 here; clock ticks, 100 per second.
            return new double[] {Long.parseLong(f[11]) / 100.0, Long.parseLong(f[12]) / 100.0};
        } catch (IOException | RuntimeException e) {
            double cpu = 0;
            if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
                cpu = os.getProcessCpuTime() / 1e9;
            }
            return new double[] {cpu, 0};
        }
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.6f", s);
    }

    private static void sentinel(ServerContext ctx, StringBuilder sb) {
        Sentinel s = ctx.sentinel;
        sb.append("# Sentinel\r\nsentinel_masters:").append(s.masters.size()).append("\r\n")
                .append("sentinel_tilt:").append(s.tilt ? 1 : 0).append("\r\n")
                .append("sentinel_tilt_since_seconds:")
                .append(s.tilt ? (s.clock.now() - s.tiltStartTime) / 1000 : -1).append("\r\n")
                .append("sentinel_running_scripts:").append(s.scripts.runningCount()).append("\r\n")
                .append("sentinel_scripts_queue_length:").append(s.scripts.jobs().size()).append("\r\n")
                .append("sentinel_simulate_failure_flags:").append((s.simulateCrashAfterElection ? 1 : 0) | (s.simulateCrashAfterPromotion ? 2 : 0))
                .append("\r\n");
        int i = 0;
        for (MasterInstance m : s.masters.values()) {
            Instance addr = Sentinel.currentMasterAddress(m);
            String status = m.has(Flag.O_DOWN) ? "odown" : m.has(Flag.S_DOWN) ? "sdown" : "ok";
            sb.append("master").append(i++).append(":name=").append(m.name).append(",status=").append(status)
                    .append(",address=").append(s.announced(addr)).append(':').append(addr.port)
                    .append(",slaves=").append(m.replicas.size())
                    .append(",sentinels=").append(m.sentinels.size() + 1).append("\r\n");
        }
    }
}
