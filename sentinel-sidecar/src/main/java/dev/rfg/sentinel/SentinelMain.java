package dev.rfg.sentinel;

import dev.rfg.sentinel.config.CommandLine;
import dev.rfg.sentinel.config.ConfigException;
import dev.rfg.sentinel.config.ConfigParser;
import dev.rfg.sentinel.config.SentinelConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * {@code rfg-sentinel <sentinel.conf> [--option value ...]}: reads the config like redis-sentinel (the options
 * are config lines after the file's, {@link CommandLine}), then serves on one event loop thread that owns all state.
 */
public final class SentinelMain {
    private SentinelMain() {}

    public static void main(String[] args) {
        DnsCache.configure();
        if (args.length >= 1 && args[0].equals("--kubernetes")) {
            RedisLogFormat.configure(null);
            dev.rfg.sentinel.k8s.KubernetesMode.main(args);
            return;
        }
        if (args.length < 1 || args[0].startsWith("-")) {
            System.err.println("Sentinel needs config file on disk to save state. Exiting...");
            System.err.println("Usage: rfg-sentinel <path/to/sentinel.conf> [--option value ...]");
            System.exit(1);
        }
        // Made absolute before the config is read (its dir lines do not move it): the rewrite targets this file.
        Path conf = Path.of(args[0]).toAbsolutePath();
        SentinelConfig cfg;
        try {
            List<String> options = CommandLine.optionLines(Arrays.asList(args).subList(1, args.length));
            cfg = ConfigParser.parse(conf, options, Path.of("").toAbsolutePath());
            // The user lines' rules, against the command table: a bad one stops the start like a bad line.
            dev.rfg.sentinel.acl.ConfigUsers.load(cfg, dev.rfg.sentinel.server.AclCatalog.SENTINEL);
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        if (!Files.isWritable(conf)) {
            System.err.println("Sentinel config file " + conf + " is not writable: Permission denied. Exiting...");
            System.exit(1);
        }
        String ready = System.getenv(Daemon.READY_ENV);
        if (cfg.daemonize && ready == null) {
            System.exit(Daemon.daemonize(args));
        }
        if (cfg.loglevel != null && System.getProperty("rfg.loglevel") == null) {
            System.setProperty("rfg.loglevel", cfg.loglevel);
        }
        // Once, when the config is known: configuring again would close the stdout handler, and stdout with it.
        RedisLogFormat.configure(cfg.logfile.isEmpty() ? null : cfg.resolve(cfg.logfile));
        SentinelRuntime.start(cfg);
        Path pidfile = cfg.pidfilePath();
        if (pidfile != null) {
            writePidFile(pidfile);
        }
        if (ready != null) {
            try {
                Files.writeString(Path.of(ready), "ready\n");
            } catch (IOException ignored) {
                // the launching process stopped waiting
            }
        }
    }

    /** Stock writes its pid once it serves (daemonized or with a pidfile) and removes the file at exit. */
    private static void writePidFile(Path pidfile) {
        org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SentinelMain.class);
        String pid = Long.toString(ProcessHandle.current().pid());
        try {
            Files.writeString(pidfile, pid + "\n");
        } catch (IOException e) {
            log.warn("Failed to write PID file: {}", e.toString());
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                // Only our own: a later process may have taken the path over.
                if (Files.readString(pidfile).strip().equals(pid)) {
                    Files.deleteIfExists(pidfile);
                }
            } catch (IOException ignored) {
                // gone already
            }
        }));
    }

}
