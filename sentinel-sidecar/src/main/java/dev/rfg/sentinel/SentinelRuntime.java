package dev.rfg.sentinel;

import dev.rfg.sentinel.config.ConfigException;
import dev.rfg.sentinel.config.SentinelConfig;
import dev.rfg.sentinel.engine.Sentinel;
import dev.rfg.sentinel.engine.SentinelEngine;
import dev.rfg.sentinel.events.EventBus;
import dev.rfg.sentinel.server.SentinelServer;
import dev.rfg.sentinel.server.ServerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.nio.NioEventLoopGroup;

import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running sentinel: one event loop that owns the engine's state, the engine, and the server on its port. Used by
 * the standalone entry point ({@link SentinelMain}) and by Kubernetes mode alike, so neither depends on the other.
 */
public final class SentinelRuntime {
    private SentinelRuntime() {}

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

    static Running start(SentinelConfig cfg) {
        return start(cfg, sentinel -> { });
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
            org.slf4j.LoggerFactory.getLogger(SentinelRuntime.class).warn("User requested shutdown...");
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
                org.slf4j.LoggerFactory.getLogger(SentinelRuntime.class).info("Sentinel ID is {}, {} port {}",
                        sentinel.myId, listenNow ? "listening on" : "not yet listening on", cfg.port);
                engine.start();
                return null;
            });
        } catch (Exception e) {
            // As stock: a start that fails after the config was read is logged (to the logfile, or stdout without
            // one), not written to stderr; Redis's own suite counts any stderr output of an instance as a failure.
            String why = e.getMessage() != null ? e.getMessage() : e.toString();
            org.slf4j.LoggerFactory.getLogger(SentinelRuntime.class).warn("{}", why);
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
                org.slf4j.LoggerFactory.getLogger(SentinelRuntime.class).info("Listening on port {}", cfg.port);
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
