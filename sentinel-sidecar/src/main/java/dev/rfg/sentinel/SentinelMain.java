package dev.rfg.sentinel;

import dev.rfg.sentinel.config.CommandLine;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code rfg-sentinel <sentinel.conf> [--option value ...]}: reads the config like redis-sentinel (the options
 * are config lines after the file's, {@link CommandLine}), then serves on one event loop thread that owns all state.
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
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        if (!Files.isWritable(conf)) {
            System.err.println("Sentinel config file " + conf + " is not writable: Permission denied. Exiting...");
            System.exit(1);
        }
        String ready = System.getenv(DAEMON_READY_ENV);
        if (cfg.daemonize && ready == null) {
            System.exit(daemonize(args));
        }
        if (cfg.loglevel != null && System.getProperty("rfg.loglevel") == null) {
            System.setProperty("rfg.loglevel", cfg.loglevel);
        }
        // Once, when the config is known: configuring again would close the stdout handler, and stdout with it.
        RedisLogFormat.configure(cfg.logfile.isEmpty() ? null : cfg.resolve(cfg.logfile));
        start(cfg);
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

    /** Set in the environment of the detached JVM: the file it writes once it serves (see {@link #daemonize}). */
    static final String DAEMON_READY_ENV = "RFG_SENTINEL_DAEMON_READY";

    /**
     * {@code daemonize yes}: a JVM cannot fork, so it starts itself again, detached (its own session through
     * setsid(1) when there is one, stdin/stdout/stderr on /dev/null as stock's daemon), and returns the exit code
     * for this process: 0 once the detached one serves (it wrote its pidfile), its exit code if it stops before,
     * 0 after 60 s (still starting). The config was already checked here, so its errors show in the foreground as
     * with stock.
     */
    private static int daemonize(String[] args) {
        List<String> cmd = new ArrayList<>();
        for (String setsid : List.of("/usr/bin/setsid", "/bin/setsid")) {
            if (Files.isExecutable(Path.of(setsid))) {
                cmd.add(setsid);
                break;
            }
        }
        ProcessHandle.Info self = ProcessHandle.current().info();
        if (self.command().isPresent() && self.arguments().isPresent()) {
            cmd.add(self.command().get());
            cmd.addAll(List.of(self.arguments().get()));
        } else {
            cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), SentinelMain.class.getName()));
            cmd.addAll(List.of(args));
        }
        Path ready = null;
        try {
            ready = Files.createTempFile("rfg-sentinel-", ".starting");
            ProcessBuilder pb = new ProcessBuilder(cmd)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put(DAEMON_READY_ENV, ready.toString());
            Process p = pb.start();
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                if (Files.size(ready) > 0) {
                    return 0;
                }
                if (!p.isAlive() && p.exitValue() != 0) {
                    System.err.println("The daemonized sentinel exited with code " + p.exitValue()
                            + " (see the logfile of its config)");
                    return p.exitValue();
                }
                Thread.sleep(50);
            }
            return 0;
        } catch (IOException e) {
            System.err.println("Can't daemonize: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            if (ready != null) {
                try {
                    Files.deleteIfExists(ready);
                } catch (IOException ignored) {
                    // a temp file
                }
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
        ctx.maxClients = cfg.maxClients;
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
            String why = e.getMessage() != null ? e.getMessage() : e.toString();
            System.err.println(why);
            if (System.getenv(DAEMON_READY_ENV) != null) {
                // Daemonized, stderr is /dev/null: the log is where it can be read.
                org.slf4j.LoggerFactory.getLogger(SentinelMain.class).warn("{}", why);
            }
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
