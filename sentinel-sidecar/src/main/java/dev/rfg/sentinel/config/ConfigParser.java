package dev.rfg.sentinel.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads redis-sentinel's config syntax. Like redis 7.0, the {@code sentinel monitor} lines are applied
 * before the per-master options, so an option may appear before its monitor line.
 */
public final class ConfigParser {
    /** redis.conf directives a sentinel.conf may carry that have no meaning for this sentinel. */
    private static final Set<String> IGNORED = Set.of("protected-mode", "daemonize", "pidfile", "loglevel",
            "supervised", "latency-tracking-info-percentiles", "user", "save", "appendonly", "tcp-keepalive",
            "tcp-backlog", "timeout", "hz", "always-show-logo", "set-proc-title", "proc-title-template",
            "syslog-enabled", "syslog-ident", "syslog-facility", "databases", "maxclients", "unixsocket",
            "unixsocketperm", "acllog-max-len", "aclfile", "enable-debug-command", "locale-collate",
            "io-threads", "oom-score-adj", "disable-thp", "crash-log-enabled", "crash-memcheck-enabled");

    private record Line(int no, String text, List<String> args) {}

    private ConfigParser() {}

    public static SentinelConfig parse(Path file) throws ConfigException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("Fatal error, can't open config file '" + file + "': " + e.getMessage(), e);
        }
        SentinelConfig cfg = parse(file.toString(), lines);
        cfg.file = file;
        return cfg;
    }

    public static SentinelConfig parse(String fileName, List<String> lines) throws ConfigException {
        SentinelConfig cfg = new SentinelConfig();
        List<Line> parsed = new java.util.ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i);
            String trimmed = text.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            List<String> args = ConfigTokenizer.split(trimmed);
            if (args == null) {
                throw ConfigException.atLine(fileName, i + 1, text, "Unbalanced quotes in configuration line");
            }
            parsed.add(new Line(i + 1, text, args));
        }
        // Pass 1: server options, global sentinel options, monitor lines.
        for (Line l : parsed) {
            try {
                applyFirstPass(cfg, l.args);
            } catch (IllegalArgumentException e) {
                throw ConfigException.atLine(fileName, l.no, l.text, e.getMessage());
            }
        }
        // Pass 2: options that refer to a master.
        for (Line l : parsed) {
            try {
                SentinelDirectives.perMaster(cfg, l.args);
            } catch (IllegalArgumentException e) {
                throw ConfigException.atLine(fileName, l.no, l.text, e.getMessage());
            }
        }
        return cfg;
    }

    private static void applyFirstPass(SentinelConfig cfg, List<String> a) {
        String directive = a.get(0).toLowerCase(Locale.ROOT);
        switch (directive) {
            case "port" -> {
                SentinelDirectives.arity(a, 2);
                cfg.port = SentinelDirectives.integer(a.get(1), 0, 65535, "Invalid port");
            }
            case "bind" -> {
                cfg.bind.clear();
                cfg.bind.addAll(a.subList(1, a.size()));
            }
            case "dir" -> {
                SentinelDirectives.arity(a, 2);
                cfg.dir = a.get(1);
            }
            case "logfile" -> {
                SentinelDirectives.arity(a, 2);
                cfg.logfile = a.get(1);
            }
            case "requirepass" -> {
                SentinelDirectives.arity(a, 2);
                cfg.requirepass = a.get(1).isEmpty() ? null : a.get(1);
            }
            case "sentinel" -> {
                if (a.size() < 2) {
                    throw new IllegalArgumentException("Unrecognized sentinel configuration statement.");
                }
                SentinelDirectives.global(cfg, a.get(1).toLowerCase(Locale.ROOT), a);
            }
            default -> {
                if (!IGNORED.contains(directive)) {
                    throw new IllegalArgumentException("Bad directive or wrong number of arguments");
                }
            }
        }
    }

}
