package dev.rfg.sentinel.harness;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.util.SafeEncoder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sentinel process: RFG's in its own JVM ({@code dev.rfg.sentinel.SentinelMain <conf>}) or stock
 * {@code redis-sentinel <conf>}. Its stdout is its log.
 */
public final class SentinelNode {
    /** JAVA: RFG from the test class path; LAUNCHER: RFG through bin/rfg-sentinel (its JVM flags); STOCK: redis-sentinel. */
    public enum Kind { JAVA, LAUNCHER, STOCK }

    public final Kind kind;
    public final int port;
    public final Path conf;
    private final Path log;
    private final List<String> javaOptions = new ArrayList<>();
    private Process process;

    public SentinelNode(Kind kind, Path root, int port, String configBody) throws IOException {
        this.kind = kind;
        this.port = port;
        Path dir = Files.createDirectories(root.resolve("sentinel-" + port));
        this.conf = dir.resolve("sentinel.conf");
        this.log = dir.resolve("sentinel.log");
        Files.writeString(conf, "port " + port + "\nbind 127.0.0.1\n" + configBody);
    }

    /** An extra JVM option for a {@link Kind#JAVA} sentinel, e.g. {@code -Djdk.net.hosts.file=...}. */
    public SentinelNode javaOption(String option) {
        javaOptions.add(option);
        return this;
    }

    public SentinelNode start() throws IOException {
        List<String> cmd = new ArrayList<>();
        if (kind == Kind.JAVA) {
            cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:+UseSerialGC", "-Xmx24m", "-Xss256k", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
                    "-XX:CICompilerCount=1", "-Dio.netty.noUnsafe=true", "-Dio.netty.allocator.type=unpooled"));
            cmd.addAll(javaOptions);
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.rfg.sentinel.SentinelMain",
                    conf.toString()));
        } else if (kind == Kind.LAUNCHER) {
            Path launcher = Files.exists(Path.of("bin/rfg-sentinel")) ? Path.of("bin/rfg-sentinel")
                    : Path.of("sentinel-sidecar/bin/rfg-sentinel");
            cmd.addAll(List.of(launcher.toAbsolutePath().toString(), conf.toString()));
        } else {
            cmd.addAll(List.of("redis-sentinel", conf.toString()));
        }
        process = Procs.start(new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())));
        Waits.until("sentinel " + port + " up", 20, () -> {
            try (Jedis j = jedis()) {
                return "PONG".equals(j.ping());
            }
        });
        if (kind == Kind.STOCK) {
            try (Jedis j = jedis()) {
                ServerUnderTest.check(port, j.info("server"));
            }
        }
        return this;
    }

    public Jedis jedis() {
        return Procs.jedis(port);
    }

    /** Any SENTINEL subcommand, replies decoded to Strings / Lists / Longs. */
    public Object sentinel(String... args) {
        try (Jedis j = jedis()) {
            return decode(j.sendCommand(Protocol.Command.SENTINEL, args));
        }
    }

    public Object command(String name, String... args) {
        try (Jedis j = jedis()) {
            return decode(j.sendCommand(() -> SafeEncoder.encode(name), args));
        }
    }

    @SuppressWarnings("unchecked")
    static Object decode(Object o) {
        if (o instanceof byte[] b) {
            return SafeEncoder.encode(b);
        }
        if (o instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object x : l) {
                out.add(decode(x));
            }
            return out;
        }
        return o;
    }

    /** "host:port" from get-master-addr-by-name, or null. */
    public String masterAddr(String name) {
        Object r = sentinel("get-master-addr-by-name", name);
        if (r instanceof List<?> l && l.size() == 2) {
            return l.get(0) + ":" + l.get(1);
        }
        return null;
    }

    public Map<String, String> master(String name) {
        return record(sentinel("master", name));
    }

    public List<Map<String, String>> replicas(String name) {
        return records(sentinel("replicas", name));
    }

    public List<Map<String, String>> sentinels(String name) {
        return records(sentinel("sentinels", name));
    }

    static List<Map<String, String>> records(Object o) {
        List<Map<String, String>> out = new ArrayList<>();
        for (Object r : (List<?>) o) {
            out.add(record(r));
        }
        return out;
    }

    static Map<String, String> record(Object o) {
        List<?> l = (List<?>) o;
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < l.size(); i += 2) {
            m.put(String.valueOf(l.get(i)), String.valueOf(l.get(i + 1)));
        }
        return m;
    }

    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    public long countInLog(String token) {
        return log().lines().filter(l -> l.contains(" " + token + " ")).count();
    }

    public void kill9() {
        Procs.kill9(process);
    }

    public Process process() {
        return process;
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    public String myId() {
        return (String) sentinel("myid");
    }
}
