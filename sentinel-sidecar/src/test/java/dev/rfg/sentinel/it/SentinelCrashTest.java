package dev.rfg.sentinel.it;

import dev.rfg.sentinel.harness.Group;
import dev.rfg.sentinel.harness.GroupExtension;
import dev.rfg.sentinel.harness.SentinelNode;
import dev.rfg.sentinel.harness.Waits;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.util.List;

import static dev.rfg.sentinel.harness.SentinelNode.Kind.JAVA;
import static org.assertj.core.api.Assertions.assertThat;

/** The leader dies mid-failover; a restarted sentinel keeps its identity and its votes. */
@Tag("every-server")
@ExtendWith(GroupExtension.class)
class SentinelCrashTest {

    @ParameterizedTest
    @ValueSource(strings = {"crash-after-election", "crash-after-promotion"})
    void anotherSentinelCompletesTheFailoverInALaterEpoch(String when, Group g) throws Exception {
        g.withTimers(1000, 4000).startRedis(2).startSentinels(JAVA, JAVA, JAVA);
        g.awaitDiscovery();
        g.fastInfo();
        for (SentinelNode s : g.sentinels) {
            s.sentinel("simulate-failure", when);
        }
        String old = "127.0.0.1:" + g.master().port;
        g.master().kill9();
        Waits.until("the leader crashed", 20, () -> g.sentinels.stream().anyMatch(s -> !s.alive()));
        SentinelNode crashed = g.sentinels.stream().filter(s -> !s.alive()).findFirst().orElseThrow();
        assertThat(crashed.process().exitValue()).isEqualTo(99);
        List<SentinelNode> live = g.liveSentinels();
        assertThat(live).hasSize(2);
        for (SentinelNode s : live) {
            s.sentinel("simulate-failure", "help"); // clears the flags, as in redis-sentinel
        }
        Waits.until("a later leader completes the failover", 40, () -> live.stream().allMatch(s -> {
            String a = s.masterAddr(Group.NAME);
            return a != null && !a.equals(old) && Long.parseLong(s.master(Group.NAME).get("config-epoch")) >= 2;
        }));
        String now = live.get(0).masterAddr(Group.NAME);
        assertThat(live.get(1).masterAddr(Group.NAME)).isEqualTo(now);
        Waits.until("new master is a master", 20, () -> "master".equals(g.nodeAt(now).role()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void restartedSentinelKeepsItsIdAndNeverVotesTwiceInOneEpoch(Group g) throws Exception {
        g.startRedis(1).startSentinels(JAVA);
        SentinelNode s = g.sentinels.get(0);
        String id = s.myId();
        String ip = "127.0.0.1";
        String port = String.valueOf(g.master().port);
        List<Object> first = (List<Object>) s.sentinel("is-master-down-by-addr", ip, port, "7", "aaaa");
        assertThat(first).containsExactly(0L, "aaaa", 7L);
        s.kill9();
        assertThat(Files.readString(s.conf)).contains("sentinel myid " + id).contains("sentinel current-epoch 7")
                .contains("sentinel leader-epoch mymaster 7");
        s.start();
        assertThat(s.myId()).isEqualTo(id);
        List<Object> second = (List<Object>) s.sentinel("is-master-down-by-addr", ip, port, "7", "bbbb");
        assertThat(second.get(1)).isNotEqualTo("bbbb");
        assertThat(second.get(2)).isEqualTo(7L);
        List<Object> third = (List<Object>) s.sentinel("is-master-down-by-addr", ip, port, "8", "bbbb");
        assertThat(third).containsExactly(0L, "bbbb", 8L);
    }
}
