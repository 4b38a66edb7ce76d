package dev.rfg.operator.rollout;

import dev.rfg.operator.render.GroupNames;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** A master change is planned when it goes where the operator asked lately, and only then. */
class PlannedSwitchoversTest {

  private static final GroupNames NAMES = new GroupNames("cache", "team-a", "cluster.local");
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-04T05:00:00Z"));
  private final Clock clock = new Clock() {
    @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
    @Override public Clock withZone(java.time.ZoneId zone) { return this; }
    @Override public Instant instant() { return now.get(); }
  };

  @Test
  void aMoveToTheAskedForPodIsPlannedEachTimeItIsTold() {
    var planned = new PlannedSwitchovers((n, s, t, p) -> null, clock);
    assertThat(planned.request(NAMES, "cache-0", "cache-1", null)).isNull();
    assertThat(planned.explains("team-a", "other", "cache-1")).as("another group").isFalse();
    assertThat(planned.explains("team-a", "cache", "cache-1")).isTrue();
    assertThat(planned.explains("team-a", "cache", "cache-1")).as("told again from a stale status").isTrue();
  }

  @Test
  void aMoveElsewhereOrLongAfterOrAfterARefusalIsAFailover() {
    var planned = new PlannedSwitchovers((n, s, t, p) -> null, clock);
    planned.request(NAMES, "cache-0", "cache-1", null);
    assertThat(planned.explains("team-a", "cache", "cache-2")).as("elsewhere").isFalse();

    planned.request(NAMES, "cache-0", "cache-1", null);
    now.set(now.get().plus(PlannedSwitchovers.REMEMBERED).plus(Duration.ofSeconds(1)));
    assertThat(planned.explains("team-a", "cache", "cache-1")).as("long after").isFalse();

    var refusing = new PlannedSwitchovers((n, s, t, p) -> "NOGOODREPLICA", clock);
    assertThat(refusing.request(NAMES, "cache-0", "cache-1", null)).isEqualTo("NOGOODREPLICA");
    assertThat(refusing.explains("team-a", "cache", "cache-1")).as("refused").isFalse();
  }
}
