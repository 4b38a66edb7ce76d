package dev.rfg.sentinel.it;

import dev.rfg.sentinel.harness.Group;
import dev.rfg.sentinel.harness.GroupExtension;
import dev.rfg.sentinel.harness.Procs;
import dev.rfg.sentinel.harness.SentinelNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static dev.rfg.sentinel.harness.SentinelNode.Kind.JAVA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * ACL users of a real rfg-sentinel process, through Jedis: a {@code user} line of the config file logs in and is
 * refused what its rules do not allow (NOPERM), failures and refusals are in ACL LOG, users made by ACL SETUSER
 * are written to the config (hashes, no clear-text password) and are there after a SIGKILL and a restart, with
 * the same ACL LIST; a default user that is off makes new connections log in.
 */
@Tag("every-server")
@ExtendWith(GroupExtension.class)
class AclTest {
    private static final String APP = "user app on >app-pass resetchannels &app:* -@all +ping +subscribe "
            + "+acl|whoami\n";

    @Test
    void usersLogInAreRefusedAreLoggedAndSurviveARestart(Group g) throws Exception {
        g.startRedis(0);
        SentinelNode s = new SentinelNode(JAVA, g.root, Procs.freePort(), g.monitorConfig() + APP).start();
        g.sentinels.add(s);

        try (Jedis app = s.jedis()) {
            assertThatThrownBy(() -> app.auth("app", "wrong")).hasMessage("WRONGPASS invalid username-password "
                    + "pair or user is disabled.");
            assertThat(app.auth("app", "app-pass")).isEqualTo("OK");
            assertThat(app.ping()).isEqualTo("PONG");
            assertThat(app.aclWhoAmI()).isEqualTo("app");
            assertThatThrownBy(app::clientId).isInstanceOf(JedisDataException.class)
                    .hasMessage("NOPERM this user has no permissions to run the 'client|id' command");
            assertThatThrownBy(() -> app.sentinelMasters()).hasMessage("NOPERM this user has no permissions to run "
                    + "the 'sentinel|masters' command");
        }
        // A subscription outside the user's channels is refused as well.
        assertThat(send(s, List.of("AUTH", "app", "app-pass"), List.of("SUBSCRIBE", "other"))).containsExactly("OK",
                "NOPERM this user has no permissions to access one of the channels used as arguments");

        List<Map<String, Object>> log = aclLog(s);
        assertThat(log).extracting(e -> e.get("reason") + " " + e.get("object") + " " + e.get("username"))
                .containsExactly("channel other app", "command sentinel|masters app", "command client|id app",
                        "auth AUTH app");
        assertThat((String) log.get(3).get("client-info")).contains(" user=default ").contains(" cmd=auth ");

        s.command("ACL", "SETUSER", "ops", "on", ">ops-pass", "+@all", "-@dangerous", "&*");
        Object before = s.command("ACL", "LIST");
        String conf = Files.readString(s.conf);
        assertThat(conf).contains("user app on #").contains("user ops on #").doesNotContain("ops-pass")
                .doesNotContain("app-pass").doesNotContain("user default");

        s.kill9();
        s.start();
        assertThat(s.command("ACL", "LIST")).isEqualTo(before);
        try (Jedis admin = s.jedis(); Jedis ops = s.jedis()) {
            assertThat(ops.auth("ops", "ops-pass")).isEqualTo("OK");
            assertThatThrownBy(ops::aclLog).hasMessageContaining("'acl|log'");
            // Connected while the default user was on and nopass: still logged in after it is turned off.
            assertThat(admin.aclSetUser("default", "off")).isEqualTo("OK");
            try (Jedis fresh = s.jedis()) {
                assertThatThrownBy(fresh::ping).hasMessage("NOAUTH Authentication required.");
                assertThat(fresh.auth("app", "app-pass")).isEqualTo("OK");
                assertThat(fresh.ping()).isEqualTo("PONG");
                assertThat(admin.sendCommand(() -> "CLIENT".getBytes(), "KILL", "USER", "app")).isEqualTo(1L);
            }
            assertThat(admin.aclSetUser("default", "on")).isEqualTo("OK");
        }
        assertThat(s.command("ACL", "DELUSER", "ops", "app")).isEqualTo(2L);
        assertThat(Files.readString(s.conf)).doesNotContain("user ");
    }

    /** Sends the commands on one connection; each reply as a string (an error's message too). */
    private static List<String> send(SentinelNode s, List<String>... commands) {
        try (Jedis j = s.jedis()) {
            return java.util.Arrays.stream(commands).map(c -> {
                try {
                    Object r = j.sendCommand(() -> c.get(0).getBytes(),
                            c.subList(1, c.size()).toArray(String[]::new));
                    return r instanceof byte[] b ? new String(b) : String.valueOf(r);
                } catch (JedisDataException e) {
                    return e.getMessage();
                }
            }).toList();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> aclLog(SentinelNode s) {
        List<Object> entries = (List<Object>) s.command("ACL", "LOG");
        return entries.stream().map(e -> {
            List<Object> kv = (List<Object>) e;
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            for (int i = 0; i + 1 < kv.size(); i += 2) {
                m.put((String) kv.get(i), kv.get(i + 1));
            }
            return m;
        }).toList();
    }
}
