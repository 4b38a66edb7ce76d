package dev.rfg.operator.status;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A degraded replica's problem text stays the same while its link stays down: one status write, one event. */
class ReplicaProblemTest {
  @Test
  void theMessageOfADownLinkDoesNotChangeAsTheDownTimeGrows() {
    Map<String, String> at4s = Map.of("flags", "slave", "master-link-status", "err", "master-link-down-time", "4000");
    Map<String, String> at9s = Map.of("flags", "slave", "master-link-status", "err", "master-link-down-time", "9000");
    assertThat(JedisSentinelQuery.replicaProblem(at4s)).isEqualTo(JedisSentinelQuery.replicaProblem(at9s))
        .isEqualTo("has no replication link to the master");
  }

  @Test
  void aReplicaDownForTheSentinelsAndAHealthyOne() {
    assertThat(JedisSentinelQuery.replicaProblem(Map.of("flags", "s_down,slave,disconnected")))
        .isEqualTo("is down for the sentinels (s_down,slave,disconnected)");
    assertThat(JedisSentinelQuery.replicaProblem(Map.of("flags", "slave", "master-link-status", "ok"))).isNull();
  }
}
