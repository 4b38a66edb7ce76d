package dev.rfg.sentinel;

import java.security.Security;

/**
 * How long the JDK keeps looked-up addresses. Its defaults (30 s for an answer, 10 s for "unknown host") are
 * too long for pods: a restarted pod keeps its name but not its IP, and a force-deleted pod's name does not
 * resolve for a while and then resolves again. Stock Sentinel asks the resolver on every reconnect (no cache).
 */
public final class DnsCache {
    private DnsCache() {}

    /**
     * 1 s for both. Failures are cached too, for 1 s: the Pub/Sub link's attempt right after the command link's
     * then reuses the answer rather than blocking the engine thread on a second lookup of a missing name, and
     * the next attempt (one reconnect period later) asks again. {@code -Dsun.net.inetaddr.ttl=N} and
     * {@code -Dsun.net.inetaddr.negative.ttl=N} override. Must run before the first lookup: the JDK reads the
     * policy once.
     */
    public static void configure() {
        Security.setProperty("networkaddress.cache.ttl", System.getProperty("sun.net.inetaddr.ttl", "1"));
        Security.setProperty("networkaddress.cache.negative.ttl",
                System.getProperty("sun.net.inetaddr.negative.ttl", "1"));
    }
}
