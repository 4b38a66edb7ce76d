package dev.rfg.sentinel.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which server the protocol tier runs against. {@code RFG_SERVER} names a line of {@code images/servers}
 * (hack/test.sh sets it with a PATH whose redis-server and redis-sentinel are that server's, from
 * {@code images/server-bins.sh}); unset means whatever {@code redis-server} is on PATH (Debian's 7.0.15 here).
 * Every node a test starts is checked against it, so a PATH that silently falls back to another server fails
 * the test instead of passing on the wrong server.
 */
public final class ServerUnderTest {
    private ServerUnderTest() {
    }

    /** The RFG_SERVER name, or null. */
    public static String name() {
        String n = System.getenv("RFG_SERVER");
        return n == null || n.isBlank() ? null : n.trim();
    }

    /** Throws unless the INFO server section of the process on {@code port} is the expected server's. */
    public static void check(int port, String infoServer) {
        String name = name();
        if (name == null) {
            return;
        }
        String version = expectedVersion(name);
        boolean valkey = name.startsWith("valkey-");
        String field = valkey ? "valkey_version:" : "redis_version:";
        String seen = null;
        for (String line : infoServer.split("\r?\n")) {
            if (line.startsWith(field)) {
                seen = line.substring(field.length()).trim();
            }
        }
        if (!version.equals(seen) || (!valkey && infoServer.contains("valkey_version:"))) {
            throw new IllegalStateException("RFG_SERVER=" + name + " expects " + field + version + " on port " + port
                    + " but INFO server says " + (seen == null ? "no " + field : field + seen)
                    + " (is images/server-bins.sh's directory first on PATH?)");
        }
    }

    /** The version in the first image tag of NAME's line in images/servers, e.g. 8.1.1 for valkey/valkey:8.1.1. */
    static String expectedVersion(String name) {
        Path file = Files.exists(Path.of("../images/servers")) ? Path.of("../images/servers") : Path.of("images/servers");
        try {
            for (String line : Files.readAllLines(file)) {
                String[] f = line.trim().split("\\s+");
                if (!line.startsWith("#") && f.length >= 4 && f[0].equals(name)) {
                    return f[3].substring(f[3].lastIndexOf(':') + 1);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("RFG_SERVER=" + name + " is not a server of " + file.toAbsolutePath());
    }
}
