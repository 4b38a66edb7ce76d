package dev.rfg.operator.rollout;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** A pod seen being deleted explains its master's handover for a while, even once it is gone. */
class TerminatingPodsTest {

  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-04T18:00:00Z"));
  private final Clock clock = new Clock() {
    @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
    @Override public Clock withZone(java.time.ZoneId zone) { return this; }
    @Override public Instant instant() { return now.get(); }
  };

  @Test
  void aPodSeenTerminatingIsRememberedOnlyForItsGroupAndOnlyForAWhile() {
    var pods = new TerminatingPods(clock);
    assertThat(pods.wasTerminating("team-a", "cache", "cache-0")).isFalse();
    pods.saw("team-a", "cache", List.of("cache-0"));
    now.set(now.get().plusSeconds(30));
    pods.saw("team-a", "cache", List.of()); // gone from the next view: still remembered
    assertThat(pods.wasTerminating("team-a", "cache", "cache-0")).isTrue();
    assertThat(pods.wasTerminating("team-a", "cache", "cache-1")).as("another pod").isFalse();
    assertThat(pods.wasTerminating("team-b", "cache", "cache-0")).as("another namespace").isFalse();

    // Forgotten once the first sighting is that long ago, whether or not anything asked meanwhile...
    now.set(now.get().plus(PlannedSwitchovers.REMEMBERED));
    pods.saw("team-a", "cache", List.of());
    assertThat(pods.wasTerminating("team-a", "cache", "cache-0")).as("long after").isFalse();
    // ...but a pod still terminating (stuck on a lost node, say) is remembered again from its new sighting.
    pods.saw("team-a", "cache", List.of("cache-0"));
    now.set(now.get().plus(Duration.ofSeconds(90)));
    assertThat(pods.wasTerminating("team-a", "cache", "cache-0")).isTrue();
  }
}
