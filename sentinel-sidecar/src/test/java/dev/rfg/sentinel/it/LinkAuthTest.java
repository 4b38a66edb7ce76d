package dev.rfg.sentinel.it;

import dev.rfg.sentinel.harness.Group;
import dev.rfg.sentinel.harness.GroupExtension;
import dev.rfg.sentinel.harness.SentinelNode;
import dev.rfg.sentinel.harness.Waits;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;

import static dev.rfg.sentinel.harness.SentinelNode.Kind.JAVA;

/**
 * A master that asks for a password the sentinel does not have refuses its SUBSCRIBE with -NOAUTH: the sentinel
 * drops that link and flags the master {@code disconnected}, as redis-sentinel does (Redis's own suite,
 * 03-runtime-reconf, "(re)connection following SENTINEL SET auth-pass"); with the password set it connects again.
 */
@Tag("every-server")
@ExtendWith(GroupExtension.class)
class LinkAuthTest {
    private static final String PASS = "link-auth-secret";

    @Test
    void aRefusedSubscribeShowsAsDisconnectedUntilThePasswordIsSet(Group g) throws Exception {
        g.startRedis(0);
        try (Jedis j = g.master().jedis()) {
            j.configSet("requirepass", PASS);
        }
        SentinelNode s = g.addSentinel(JAVA);
        Waits.until("master flagged disconnected", 10,
                () -> s.master(Group.NAME).get("flags").contains("disconnected"));
        s.sentinel("set", Group.NAME, "auth-pass", PASS);
        Waits.until("master connected with the password", 10,
                () -> !s.master(Group.NAME).get("flags").contains("disconnected"));
    }
}
