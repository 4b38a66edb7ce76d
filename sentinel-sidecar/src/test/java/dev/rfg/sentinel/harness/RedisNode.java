package dev.rfg.sentinel.harness;

import redis.clients.jedis.Jedis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A redis-server on a loopback port with its own temp dir; killable and restartable. */
public final class RedisNode {
    public final int port;
    private final Path dir;
    private final List<String> extra = new ArrayList<>();
    private Process process;

    public RedisNode(Path root, int port) throws IOException {
        this.port = port;
        this.dir = Files.createDirectories(root.resolve("redis-" + port));
    }

    public RedisNode replicaOf(int masterPort) {
        extra.add("--replicaof");
        extra.add("127.0.0.1 " + masterPort);
        return this;
    }

    public RedisNode option(String name, String value) {
        extra.add("--" + name);
        extra.add(value);
        return this;
    }

    public RedisNode start() throws IOException {
        Path conf = dir.resolve("redis.conf");
        if (!Files.exists(conf)) {
            Files.writeString(conf, "");
        }
        List<String> cmd = new ArrayList<>(List.of("redis-server", conf.toString(), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--dir", dir.toString(), "--save", "", "--appendonly", "no",
                "--daemonize", "no", "--enable-debug-command", "yes", "--logfile", dir.resolve("redis.log").toString()));
        cmd.addAll(extra);
        extra.removeIf(x -> false);
        process = Procs.start(new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile()));
        Waits.until("redis " + port + " up", 10, () -> {
            try (Jedis j = jedis()) {
                return "PONG".equals(j.ping());
            }
        });
        ServerUnderTest.check(port, info("server"));
        return this;
    }

    /** Restart with only what CONFIG REWRITE kept in redis.conf (role included), like a real restart. */
    public RedisNode restart() throws IOException {
        extra.clear();
        return start();
    }

    public Jedis jedis() {
        return Procs.jedis(port);
    }

    public String info(String section) {
        try (Jedis j = jedis()) {
            return j.info(section);
        }
    }

    public String role() {
        try (Jedis j = jedis()) {
            return String.valueOf(j.role().get(0));
        } catch (Exception e) {
            return "down";
        }
    }

    public String infoField(String section, String field) {
        for (String l : info(section).split("\r\n")) {
            if (l.startsWith(field + ":")) {
                return l.substring(field.length() + 1);
            }
        }
        return null;
    }

    public void kill9() {
        Procs.kill9(process);
    }

    public void stop() {
        Procs.signal(process, "STOP");
    }

    public void cont() {
        Procs.signal(process, "CONT");
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    public Process process() {
        return process;
    }
}
