package dev.rfg.sentinel;

import dev.rfg.sentinel.config.ConfigException;
import dev.rfg.sentinel.config.ConfigParser;
import dev.rfg.sentinel.config.SentinelConfig;
import dev.rfg.sentinel.engine.Sentinel;
import dev.rfg.sentinel.engine.SentinelEngine;
import dev.rfg.sentinel.events.EventBus;
import dev.rfg.sentinel.server.SentinelServer;
import dev.rfg.sentinel.server.ServerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.nio.NioEventLoopGroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code rfg-sentinel <sentinel.conf> [--port N] [--option value ...]}: reads the config like
 * redis-sentinel, then serves on one event loop thread that owns all state.
 */
public final class SentinelMain {
    private SentinelMain() {}

    /**
     * What a started sentinel is made of, for the Kubernetes glue; {@code listen} opens the client port when the
     * start deferred it (idempotent).
     */
    public record Running(EventLoop loop, Sentinel sentinel, SentinelEngine engine, ServerContext ctx,
            Listener listen) {}

    /** Opens the sentinel's port; throws when it cannot be bound. */
    public interface Listener {
        void open() throws InterruptedException;
    }

    public static void main(String[] args) {
        DnsCache.configure();
        RedisLogFormat.configure(null);
        if (args.length >= 1 && args[0].equals("--kubernetes")) {
            dev.rfg.sentinel.k8s.KubernetesMode.main(args);
            return;
        }
        if (args.length < 1 || args[0].startsWith("--")) {
            System.err.println("Usage: rfg-sentinel <path/to/sentinel.conf> [--port N] [--bind addr]");
            System.exit(1);
        }
        Path conf = Path.of(args[0]).toAbsolutePath();
        SentinelConfig cfg;
        try {
            cfg = ConfigParser.parse(conf);
            applyOverrides(cfg, args);
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        if (!Files.isWritable(conf)) {
            System.err.println("Sentinel config file " + conf + " is not writable: Permission denied. Exiting...");
            System.exit(1);
        }
        if (cfg.logfile != null && !cfg.logfile.isEmpty()) {
            RedisLogFormat.configure(Path.of(cfg.logfile).toAbsolutePath());
        }
        if (cfg.dir != null) {
            Path dir = Path.of(cfg.dir);
            if (!Files.isDirectory(dir)) {
                System.err.println("Can't chdir to '" + cfg.dir + "': No such file or directory");
                System.exit(1);
            }
        }
        start(cfg);
    }

    private static void applyOverrides(SentinelConfig cfg, String[] args) throws ConfigException {
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || i + 1 >= args.length) {
                throw new ConfigException("Bad command line argument '" + a + "'");
            }
            String v = args[++i];
            switch (a) {
                case "--port" -> {
                    try {
                        cfg.port = Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        throw new ConfigException("Invalid port '" + v + "' on the command line");
                    }
                }
                case "--bind" -> {
                    cfg.bind.clear();
                    cfg.bind.addAll(java.util.List.of(v.split("\\s+")));
                }
                case "--logfile" -> cfg.logfile = v;
                case "--dir" -> cfg.dir = v;
                default -> { /* redis-server options a sentinel does not use, like --sentinel */ }
            }
        }
    }

    static void start(SentinelConfig cfg) {
        start(cfg, sentinel -> { });
    }

    /** Starts the sentinel; {@code customize} runs on the loop before the config is loaded. */
    public static Running start(SentinelConfig cfg, java.util.function.Consumer<Sentinel> customize) {
        return start(cfg, customize, true);
    }

    /**
     * As {@link #start(SentinelConfig, java.util.function.Consumer)}; with {@code listenNow} false the engine runs
     * but the port stays closed until {@link Running#listen()} opens it.
     */
    public static Running start(SentinelConfig cfg, java.util.function.Consumer<Sentinel> customize,
            boolean listenNow) {
        NioEventLoopGroup group = new NioEventLoopGroup(1);
        EventLoop loop = group.next();
        EventBus bus = new EventBus();
        Sentinel sentinel = new Sentinel(cfg, bus, loop);
        SentinelEngine engine = new SentinelEngine(sentinel);
        ServerContext ctx = new ServerContext(sentinel, engine);
        SentinelServer server = new SentinelServer(ctx);
        ctx.shutdown = () -> {
            org.slf4j.LoggerFactory.getLogger(SentinelMain.class).warn("User requested shutdown...");
            // A clean exit (not halt) lets the JVM write its class-data archive; off the loop thread,
            // because the shutdown hook needs the loop to flush the config.
            Thread.ofPlatform().start(() -> System.exit(0));
        };
        try {
            onLoop(loop, () -> {
                customize.accept(sentinel);
                engine.load();
                try {
                    sentinel.persister.flushOrThrow();
                } catch (IOException e) {
                    throw new ConfigException("Sentinel config file " + cfg.file + " cannot be written: " + e);
                }
                return null;
            });
            if (listenNow) {
                server.bind(group, cfg.bind, cfg.port);
            }
            onLoop(loop, () -> {
                org.slf4j.LoggerFactory.getLogger(SentinelMain.class).info("Sentinel ID is {}, {} port {}",
                        sentinel.myId, listenNow ? "listening on" : "not yet listening on", cfg.port);
                engine.start();
                return null;
            });
        } catch (Exception e) {
            System.err.println(e.getMessage() != null ? e.getMessage() : e.toString());
            Runtime.getRuntime().halt(1);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                onLoop(loop, () -> sentinel.persister.flush());
            } catch (Exception ignored) {
                // best effort on the way out
            }
        }));
        AtomicBoolean bound = new AtomicBoolean(listenNow);
        Listener listen = () -> {
            if (bound.compareAndSet(false, true)) {
                server.bind(group, cfg.bind, cfg.port);
                org.slf4j.LoggerFactory.getLogger(SentinelMain.class).info("Listening on port {}", cfg.port);
            }
        };
        return new Running(loop, sentinel, engine, ctx, listen);
    }

    public static <T> T onLoop(EventLoop loop, Callable<T> task) throws Exception {
        try {
            return loop.submit(task).get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }
}
