package dev.rfg.sentinel.k8s;

import dev.rfg.sentinel.harness.Procs;
import dev.rfg.sentinel.harness.RedisNode;
import dev.rfg.sentinel.harness.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The redis_exporter-named metrics against what a real master and replica say about themselves. */
class RedisMetricsTest {

    @TempDir
    Path dir;
    final List<RedisNode> nodes = new ArrayList<>();

    @AfterEach
    void stop() {
        nodes.forEach(RedisNode::kill9);
    }

    @Test
    void aMasterAndAReplicaAsRedisExporterNamesThem() throws Exception {
        RedisNode master = new RedisNode(dir, Procs.freePort()).option("maxmemory", "64mb").start();
        nodes.add(master);
        RedisNode replica = new RedisNode(dir, Procs.freePort()).replicaOf(master.port).start();
        nodes.add(replica);
        try (Jedis j = master.jedis()) {
            for (int i = 0; i < 25; i++) {
                j.set("k" + i, "v");
            }
            j.setex("ttl", 600, "v");
            j.get("k1");
            j.get("missing");
        }
        Waits.until("the replica in sync", 20, () -> "up".equals(replica.infoField("replication",
                "master_link_status")) && replica.info("keyspace").contains("keys=26"));

        String m = RedisMetrics.render(master.info("everything"));
        assertThat(value(m, "redis_up")).isEqualTo(1);
        assertThat(m).containsPattern("redis_instance_info\\{role=\"master\",redis_version=\""
                + Pattern.quote(master.infoField("server", "redis_version")) + "\",.*tcp_port=\"" + master.port
                + "\",.*\\} 1");
        assertThat(value(m, "redis_db_keys{db=\"db0\"}")).isEqualTo(26);
        assertThat(value(m, "redis_db_keys_expiring{db=\"db0\"}")).isEqualTo(1);
        assertThat(value(m, "redis_memory_max_bytes")).isEqualTo(64L * 1024 * 1024);
        assertThat(value(m, "redis_memory_used_bytes")).isPositive();
        assertThat(value(m, "redis_keyspace_hits_total")).isGreaterThanOrEqualTo(1);
        assertThat(value(m, "redis_keyspace_misses_total")).isGreaterThanOrEqualTo(1);
        assertThat(value(m, "redis_commands_processed_total")).isGreaterThanOrEqualTo(28);
        assertThat(value(m, "redis_connected_slaves")).isEqualTo(1);
        assertThat(value(m, "redis_master_repl_offset")).isPositive();
        assertThat(value(m, "redis_rdb_last_bgsave_status")).isEqualTo(1);
        assertThat(value(m, "redis_aof_last_write_status")).isEqualTo(1);
        assertThat(m).contains("# TYPE redis_commands_processed_total counter\n")
                .contains("# TYPE redis_connected_clients gauge\n").doesNotContain("redis_master_link_up");

        String r = RedisMetrics.render(replica.info("everything"));
        String link = "{master_host=\"127.0.0.1\",master_port=\"" + master.port + "\"}";
        assertThat(value(r, "redis_master_link_up" + link)).isEqualTo(1);
        assertThat(value(r, "redis_slave_repl_offset" + link)).isPositive();
        assertThat(r).contains("role=\"slave\"");
        assertThat(value(r, "redis_db_keys{db=\"db0\"}")).isEqualTo(26);

        replica.kill9();
        Waits.until("the master sees the replica gone", 20, () ->
                "0".equals(master.infoField("replication", "connected_slaves")));
        assertThat(value(RedisMetrics.render(master.info("everything")), "redis_connected_slaves")).isZero();
    }

    @Test
    void noAnswerIsRedisUpZeroAndNothingElse() {
        assertThat(RedisMetrics.render(null)).isEqualTo("# HELP redis_up 1 when the sidecar could read the local "
                + "Redis's INFO.\n# TYPE redis_up gauge\nredis_up 0\n");
    }

    @Test
    void labelValuesAreEscaped() {
        assertThat(RedisMetrics.escape("a\\b\"c\nd")).isEqualTo("a\\\\b\\\"c\\nd");
        assertThat(RedisMetrics.render("# Server\r\nredis_version:7.0.15\r\nos:Linux \"x\"\r\nrole:master\r\n"))
                .contains("os=\"Linux \\\"x\\\"\"");
    }

    /** The value of the sample with exactly this name and labels. */
    static long value(String metrics, String sample) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(sample) + " ([-0-9.eE+]+)$").matcher(metrics);
        assertThat(m.find()).as("sample %s in:%n%s", sample, metrics).isTrue();
        return (long) Double.parseDouble(m.group(1));
    }
}
