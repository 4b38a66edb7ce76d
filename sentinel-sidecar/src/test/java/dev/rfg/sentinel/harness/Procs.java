package dev.rfg.sentinel.harness;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Process helpers for tests: free ports, signals, and a safety net that kills every child on JVM exit. */
public final class Procs {

    /**
     * A client of the local server on {@code port}, 2 s timeouts, RESP2 without negotiation (Jedis otherwise logs a
     * warning per connection: thousands of lines per run).
     */
    public static redis.clients.jedis.Jedis jedis(int port) {
        return new redis.clients.jedis.Jedis(new redis.clients.jedis.HostAndPort("127.0.0.1", port),
                redis.clients.jedis.DefaultJedisClientConfig.builder().connectionTimeoutMillis(2000)
                        .socketTimeoutMillis(2000).autoNegotiateProtocol(false).build());
    }
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly)));
    }

    private Procs() {}

    public static Process start(ProcessBuilder pb) throws IOException {
        Process p = pb.start();
        LIVE.add(p);
        p.onExit().thenRun(() -> LIVE.remove(p));
        return p;
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void signal(Process p, String signal) {
        try {
            Process k = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start();
            k.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static void kill9(Process p) {
        if (p != null && p.isAlive()) {
            p.destroyForcibly();
            try {
                p.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Resident set size of a process in KiB, from /proc. */
    public static long rssKib(long pid) {
        try {
            for (String l : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/" + pid + "/status"))) {
                if (l.startsWith("VmRSS:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }
}
