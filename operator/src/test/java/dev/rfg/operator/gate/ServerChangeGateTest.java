package dev.rfg.operator.gate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ServerChangeGateTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(nullValues = "none", value = {
      "redis:7.0.15, Redis 7.0, 10",
      "docker.io/library/redis:7.2.5-alpine, Redis 7.2, 11",
      "registry.local:5000/mirror/redis:7.4, Redis 7.4, 12",
      "redis:8.0.2@sha256:0123, Redis 8.0, 12",
      "bitnami/redis:8.0.2-debian-12-r3, Redis 8.0, 12",
      "redis:8.2.1, Redis 8.2, none",
      "redis:8, Redis 8, none",
      "valkey/valkey:8.1.1, Valkey 8.1, 11",
      "valkey/valkey:7.2, Valkey 7.2, 11",
      "valkey/valkey:9.0.0, Valkey 9.0, none"})
  void readsTheServerAndItsRdbFormatFromTheTag(String image, String server, Integer rdb) {
    var parsed = ServerImage.parse(image).orElseThrow();
    assertThat(parsed.toString()).isEqualTo(server);
    assertThat(parsed.rdbFormat().orElse(null)).isEqualTo(rdb);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"redis", "redis:latest", "redis@sha256:0123", "example.com/cache:8.0.2", "memcached:1.6",
      "localhost:5000/redis"})
  void otherImagesSayNothing(String image) {
    assertThat(ServerImage.parse(image)).isEmpty();
  }

  @ParameterizedTest(name = "{1} -> {0}")
  @CsvSource({
      "redis:8.0.2, redis:7.0.15",
      "valkey/valkey:8.1.1, redis:7.0.15",
      "redis:8.0.2, valkey/valkey:8.1.1",
      "redis:7.0.15, redis:7.0.11",
      "redis:8.0.1, redis:8.0.2",
      "redis:7.4.2, redis:8.0.2",
      "my.registry/cache:1, redis:8.0.2",
      "redis:8.2.0, redis:8.0.2"})
  void upgradesAndUnknownImagesPass(String desired, String running) {
    assertThat(ServerChangeGate.problem(desired, Set.of(running))).isNull();
  }

  @Test
  void aDowngradeAcrossAnRdbFormatIsRefusedAndSaysWhy() {
    assertThat(ServerChangeGate.problem("redis:7.0.15", Set.of("redis:8.0.2")))
        .isEqualTo("spec.redis.image redis:7.0.15 (Redis 7.0, RDB format 10) cannot replace redis:8.0.2 (Redis 8.0,"
            + " RDB format 12), which the group runs: a server loads RDB formats up to its own only, so its pods"
            + " could not sync from the running master. Set spec.redis.image back to redis:8.0.2, or move the data"
            + " to a new group another way");
    assertThat(ServerChangeGate.problem("valkey/valkey:8.1.1", Set.of("redis:8.0.2")))
        .contains("Valkey 8.1, RDB format 11", "Redis 8.0, RDB format 12");
  }

  @Test
  void everyRunningImageCounts() {
    // halfway through 7.0 -> 8.0, a change back to 7.0 would strand the pods already on 8.0
    assertThat(ServerChangeGate.problem("redis:7.0.15", List.of("redis:7.0.15", "redis:8.0.2"))).contains("8.0.2");
  }

  @Test
  void serversOlderThanSupportedAreRefusedEvenForANewGroup() {
    assertThat(ServerChangeGate.problem("redis:6.2.14", Set.of()))
        .isEqualTo("spec.redis.image redis:6.2.14 is Redis 6.2, older than RFG supports (Redis 7.0 or later, "
            + "Valkey 7.2 or later)");
  }
}
