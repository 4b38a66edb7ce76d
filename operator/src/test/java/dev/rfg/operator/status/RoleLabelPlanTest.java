package dev.rfg.operator.status;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RoleLabelPlanTest {

  private static PodState pod(String name, String role, long epoch) {
    return new PodState(name, true, role, epoch, "r", null, false);
  }

  @Test
  void demotesBeforeItPromotes() {
    var plan = RoleLabelPlan.plan("cache-1", 4,
        List.of(pod("cache-0", "master", 3), pod("cache-1", "replica", 3), pod("cache-2", null, -1)));
    assertThat(plan).containsExactly(
        new RoleLabelPlan.Change("cache-0", "replica", 4),
        new RoleLabelPlan.Change("cache-2", "replica", 4),
        new RoleLabelPlan.Change("cache-1", "master", 4));
  }

  @Test
  void leavesPodsLabelledAtANewerEpochAlone() {
    var plan = RoleLabelPlan.plan("cache-0", 3,
        List.of(pod("cache-0", "replica", 4), pod("cache-1", "master", 4), pod("cache-2", "replica", 3)));
    assertThat(plan).isEmpty();
  }

  @Test
  void aPodThatIsNotReadyIsNeverLabelledMasterButIsDemoted() {
    var recreated = new PodState("cache-0", false, "replica", -1, "r", null, false);
    assertThat(RoleLabelPlan.plan("cache-0", 0, List.of(recreated, pod("cache-1", "replica", 0)))).isEmpty();
    var stale = new PodState("cache-2", false, "master", 0, "r", null, false);
    assertThat(RoleLabelPlan.plan("cache-1", 1, List.of(stale, pod("cache-1", "master", 1))))
        .containsExactly(new RoleLabelPlan.Change("cache-2", "replica", 1));
  }

  @Test
  void agreementNeedsNoWrites() {
    assertThat(RoleLabelPlan.plan("cache-0", 2,
        List.of(pod("cache-0", "master", 2), pod("cache-1", "replica", 2)))).isEmpty();
  }
}
