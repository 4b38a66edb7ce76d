package dev.rfg.operator.rollout;

import dev.rfg.operator.gate.DestructiveActionGate.Verdict;
import dev.rfg.operator.render.GroupNames;
import dev.rfg.operator.status.PodState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static dev.rfg.operator.rollout.RolloutStep.Action.NONE;
import static dev.rfg.operator.rollout.RolloutStep.Action.REPLACE_ONLY_POD;
import static dev.rfg.operator.rollout.RolloutStep.Action.REPLACE_REPLICA;
import static dev.rfg.operator.rollout.RolloutStep.Action.SWITCHOVER;
import static dev.rfg.operator.rollout.RolloutStep.Action.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/** The rollout's next step for each shape of a group: pods (ready? revision? going?), the gate's verdict. */
class RolloutPlannerTest {
  private static final GroupNames NAMES = new GroupNames("cache", "shop", "cluster.local");
  private static final String NEW = "rev-new";
  private static final String OLD = "rev-old";
  private static final Verdict OPEN_ON_0 = new Verdict("cache-0", null);
  private static final Verdict HELD = new Verdict(null, "the sentinels report a failover in progress");

  private static PodState pod(int i, String revision, boolean ready) {
    return new PodState("cache-" + i, ready, i == 0 ? "master" : "replica", 1, revision, null, false);
  }

  private static PodState going(int i, String revision) {
    return new PodState("cache-" + i, true, "replica", 1, revision, null, true);
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("no revision yet", 3, List.of(pod(0, OLD, true)), null, OPEN_ON_0, NONE, null,
            null),
        Arguments.of("every pod current", 3, List.of(pod(0, NEW, true), pod(1, NEW, true), pod(2, NEW, true)), NEW,
            OPEN_ON_0, NONE, null, null),
        Arguments.of("highest outdated replica first", 3,
            List.of(pod(0, OLD, true), pod(1, OLD, true), pod(2, OLD, true)), NEW, OPEN_ON_0, REPLACE_REPLICA,
            "cache-2", "0 of 3 pods updated, replacing replica cache-2"),
        Arguments.of("a pod coming back is waited for", 3,
            List.of(pod(0, OLD, true), pod(1, OLD, true), pod(2, NEW, false)), NEW, OPEN_ON_0, WAIT, "cache-2",
            "1 of 3 pods updated, waiting for cache-2 to be ready"),
        Arguments.of("a pod being deleted is waited for", 3,
            List.of(pod(0, OLD, true), pod(1, OLD, true), going(2, OLD)), NEW, OPEN_ON_0, WAIT, "cache-2", null),
        Arguments.of("a missing pod is waited for", 3, List.of(pod(0, OLD, true), pod(1, NEW, true)), NEW,
            OPEN_ON_0, WAIT, null, "1 of 3 pods updated, waiting for the missing pods to be ready"),
        Arguments.of("an outdated replica that is not ready goes first (a reverted bad change)", 3,
            List.of(pod(0, NEW, true), pod(1, NEW, true), pod(2, OLD, false)), NEW, OPEN_ON_0, REPLACE_REPLICA,
            "cache-2", "2 of 3 pods updated, replacing replica cache-2, which is not ready on an old template"),
        Arguments.of("an outdated replica briefly not ready keeps its revision while an updated pod fails", 3,
            List.of(pod(0, OLD, true), pod(1, OLD, false), pod(2, NEW, false)), NEW, OPEN_ON_0, WAIT, "cache-1",
            "1 of 3 pods updated, waiting for cache-1 to be ready"),
        Arguments.of("a stuck outdated replica with no updated pod yet goes first", 3,
            List.of(pod(0, OLD, true), pod(1, OLD, false), pod(2, OLD, true)), NEW, OPEN_ON_0, REPLACE_REPLICA,
            "cache-1", "0 of 3 pods updated, replacing replica cache-1, which is not ready on an old template"),
        Arguments.of("not while the gate holds", 3,
            List.of(pod(0, NEW, true), pod(1, NEW, true), pod(2, OLD, false)), NEW, HELD, WAIT, "cache-2", null),
        Arguments.of("the gate holds the next replica", 3,
            List.of(pod(0, OLD, true), pod(1, OLD, true), pod(2, NEW, true)), NEW, HELD, WAIT, null,
            "1 of 3 pods updated, waiting: the sentinels report a failover in progress"),
        Arguments.of("only the master outdated: switch over to the lowest updated pod", 3,
            List.of(pod(0, OLD, true), pod(1, NEW, true), pod(2, NEW, true)), NEW, OPEN_ON_0, SWITCHOVER, "cache-1",
            "2 of 3 pods updated, switching the master from cache-0 to cache-1"),
        Arguments.of("a group of one replaces its only pod", 1, List.of(pod(0, OLD, true)), NEW, OPEN_ON_0,
            REPLACE_ONLY_POD, "cache-0", "0 of 1 pods updated, replacing the only pod cache-0"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void nextStep(String name, int desired, List<PodState> pods, String revision, Verdict gate,
      RolloutStep.Action action, String pod, String progress) {
    RolloutStep step = RolloutPlanner.next(NAMES, desired, pods, revision, gate);
    assertThat(step.action()).isEqualTo(action);
    assertThat(step.pod()).isEqualTo(pod);
    if (progress != null) {
      assertThat(step.progress()).isEqualTo(progress);
    }
  }
}
