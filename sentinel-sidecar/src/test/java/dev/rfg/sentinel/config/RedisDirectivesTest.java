package dev.rfg.sentinel.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Stock redis-sentinel is redis-server: a sentinel config may carry any redis.conf directive of 7.0 (Redis's own
 * sentinel tests write {@code repl-diskless-sync-delay 0} and {@code enable-protected-configs yes}), only unknown
 * names and wrong argument counts are refused, with stock's reason.
 */
class RedisDirectivesTest {

    @Test
    void redisConfDirectivesAreAcceptedAndIgnored() throws Exception {
        SentinelConfig c = ConfigParser.parse("s.conf", List.of(
                "port 26400",
                "repl-diskless-sync-delay 0",
                "enable-protected-configs yes",
                "save \"\"", "save 3600 1 300 100",
                "client-output-buffer-limit normal 0 0 0 replica 256mb 64mb 60",
                "oom-score-adj-values 0 200 800",
                "notify-keyspace-events KEA",
                "user default on nopass ~* &* +@all",
                "rename-command CONFIG \"\"",
                "loadmodule /nonexistent/module.so arg",
                "replicaof 10.0.0.9 6379", "slaveof 10.0.0.9 6379",
                "latency-tracking-info-percentiles 50 99 99.9",
                "shutdown-on-sigterm nosave now",
                "list-max-ziplist-entries 512",
                "slave-priority 100", "hash-max-ziplist-value 64", "tls-port 0", "aof_rewrite_cpulist 0",
                "MAXMEMORY 1mb",
                "sentinel",
                "sentinel monitor m 10.0.0.1 6379 2"));
        assertThat(c.port).isEqualTo(26400);
        assertThat(c.masters).containsOnlyKeys("m");
    }

    @Test
    void unknownDirectivesAndWrongArgumentCountsAreRefusedLikeStock() {
        assertThatThrownBy(() -> ConfigParser.parse("/etc/s.conf", List.of("port 1", "# c", "frobnicate yes")))
                .hasMessageContaining("/etc/s.conf, at line 3").hasMessageContaining(">>> 'frobnicate yes'")
                .hasMessageEndingWith("\nBad directive or wrong number of arguments");
        assertThatThrownBy(() -> ConfigParser.parse("s.conf", List.of("repl-diskless-sync-delay")))
                .hasMessageEndingWith("\nwrong number of arguments");
        assertThatThrownBy(() -> ConfigParser.parse("s.conf", List.of("enable-protected-configs yes no")))
                .hasMessageEndingWith("\nwrong number of arguments");
        assertThatThrownBy(() -> ConfigParser.parse("s.conf", List.of("replicaof 10.0.0.9")))
                .hasMessageEndingWith("\nwrong number of arguments");
        assertThatThrownBy(() -> ConfigParser.parse("s.conf", List.of("rename-command CONFIG")))
                .hasMessageEndingWith("\nBad directive or wrong number of arguments");
        assertThatThrownBy(() -> ConfigParser.parse("s.conf", List.of("include a.conf b.conf")))
                .hasMessageEndingWith("\nBad directive or wrong number of arguments");
        assertThatThrownBy(() -> ConfigParser.parse("s.conf", List.of("lua-replicate-commands")))
                .hasMessageEndingWith("\nBad directive or wrong number of arguments");
        // Like stock, the sentinel lines are read after all others: the unknown directive is reported first.
        assertThatThrownBy(() -> ConfigParser.parse("s.conf", List.of("sentinel frob 1", "frobnicate yes")))
                .hasMessageContaining("at line 2");
        assertThatThrownBy(() -> ConfigParser.parse("s.conf", List.of("sentinel frob 1")))
                .hasMessageEndingWith("\nUnrecognized sentinel configuration statement.");
    }
}
