package dev.rfg.operator;

import dev.rfg.api.v1alpha1.Phase;
import dev.rfg.api.v1alpha1.RedisFailoverGroupStatus;
import org.junit.jupiter.api.Test;

import static dev.rfg.operator.RedisFailoverGroupReconciler.WHILE_READY;
import static dev.rfg.operator.RedisFailoverGroupReconciler.WHILE_SETTLING;
import static dev.rfg.operator.RedisFailoverGroupReconciler.resyncAfter;
import static org.assertj.core.api.Assertions.assertThat;

class ResyncIntervalTest {

  private static RedisFailoverGroupStatus phase(Phase phase) {
    var status = new RedisFailoverGroupStatus();
    status.setPhase(phase);
    return status;
  }

  @Test
  void aSettledGroupIsLookedAtEvery20Seconds() {
    assertThat(resyncAfter(phase(Phase.Ready), false, true, false)).isEqualTo(WHILE_READY);
  }

  @Test
  void aGroupWithPodsThatIsNotSettledIsLookedAtEvery5Seconds() {
    assertThat(resyncAfter(phase(Phase.Ready), true, true, false)).as("acted: a switchover or relabel")
        .isEqualTo(WHILE_SETTLING);
    for (Phase phase : Phase.values()) {
      if (phase != Phase.Ready) {
        assertThat(resyncAfter(phase(phase), false, true, false)).as(phase.name()).isEqualTo(WHILE_SETTLING);
      }
    }
  }

  @Test
  void aGroupWithoutPodsHasNoSentinelsToAskAndWaitsForEvents() {
    for (Phase phase : Phase.values()) {
      assertThat(resyncAfter(phase(phase), false, false, false)).as(phase.name()).isEqualTo(WHILE_READY);
    }
  }

  @Test
  void aMissingSecretTheSpecNamesIsLookedForEvery5SecondsForNoInformerWatchesIt() {
    assertThat(resyncAfter(phase(Phase.Error), false, false, true)).isEqualTo(WHILE_SETTLING);
  }
}
