package dev.rfg.operator.status;

import dev.rfg.api.v1alpha1.ConditionTypes;
import dev.rfg.api.v1alpha1.Phase;
import dev.rfg.api.v1alpha1.RedisFailoverGroupStatus;
import dev.rfg.operator.render.GroupNames;
import io.fabric8.kubernetes.api.model.Condition;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StatusCalculatorTest {

  private static final GroupNames NAMES = new GroupNames("cache", "shop", "cluster.local");
  private static final String HOST0 = NAMES.podHost("cache-0");
  private static final String HOST1 = NAMES.podHost("cache-1");

  private static PodState pod(int i, boolean ready, String role) {
    return new PodState("cache-" + i, ready, role, -1, "rev1", null, false);
  }

  private static SentinelReport says(int i, String host, long epoch) {
    return new SentinelReport("cache-" + i, host, 6379, epoch, "master", 2, null);
  }

  private static RedisFailoverGroupStatus calc(GroupObservation seen, RedisFailoverGroupStatus previous, String now) {
    return StatusCalculator.calculate(seen, NAMES, previous, 1, now);
  }

  private static GroupObservation healthy() {
    return new GroupObservation(3, true,
        List.of(pod(0, true, "master"), pod(1, true, "replica"), pod(2, true, "replica")),
        List.of(says(0, HOST0, 0), says(1, HOST0, 0), says(2, HOST0, 0)), java.util.Map.of(), null, null);
  }

  @Test
  void allPodsReadyAndSentinelsAgreeIsReady() {
    var status = calc(healthy(), null, "t1");
    assertThat(status.getPhase()).isEqualTo(Phase.Ready);
    assertThat(status.getMaster().getPod()).isEqualTo("cache-0");
    assertThat(status.getMaster().getAddress()).isEqualTo(HOST0 + ":6379");
    assertThat(status.getReady()).isEqualTo("3/3");
    assertThat(status.getSentinels()).isEqualTo(3);
    assertThat(status.getMessage()).isNull();
    assertThat(status.getSelector()).isEqualTo("rfg.dev/group=cache");
    assertThat(status.getConditions()).extracting(Condition::getType, Condition::getStatus).containsExactly(
        org.assertj.core.groups.Tuple.tuple(ConditionTypes.READY, "True"),
        org.assertj.core.groups.Tuple.tuple(ConditionTypes.AVAILABLE, "True"),
        org.assertj.core.groups.Tuple.tuple(ConditionTypes.DEGRADED, "False"),
        org.assertj.core.groups.Tuple.tuple(ConditionTypes.FAILOVER_IN_PROGRESS, "False"),
        org.assertj.core.groups.Tuple.tuple(ConditionTypes.PASSWORD_ROTATION, "False"),
        org.assertj.core.groups.Tuple.tuple(ConditionTypes.SPEC_APPLIED, "True"),
        org.assertj.core.groups.Tuple.tuple(ConditionTypes.ACL_USERS_READY, "True"));
  }

  @Test
  void sentinelsThatTookOnlyThePreviousPasswordAreARotationInProgress() {
    var h = healthy();
    var onPrevious = new SentinelReport("cache-2", HOST0, 6379, 0, "master", 2, null, true);
    var seen = new GroupObservation(h.desiredReplicas(), h.statefulSetExists(), h.pods(),
        List.of(h.sentinels().get(0), h.sentinels().get(1), onPrevious), h.replicaProblems(), null, null);
    var status = calc(seen, null, "t1");
    assertThat(status.getPhase()).as("both passwords work meanwhile").isEqualTo(Phase.Ready);
    var rotation = status.getConditions().stream()
        .filter(c -> c.getType().equals(ConditionTypes.PASSWORD_ROTATION)).findFirst().orElseThrow();
    assertThat(rotation.getStatus()).isEqualTo("True");
    assertThat(rotation.getReason()).isEqualTo("PodsMovingOver");
    assertThat(rotation.getMessage()).contains("the sentinels of cache-2 accept only the previous password yet");
  }

  @Test
  void sentinelsThatDisagreeDegradeTheGroupAndSaySo() {
    var ready = calc(healthy(), null, "t1");
    var split = new GroupObservation(3, true, healthy().pods(),
        List.of(says(0, HOST0, 1), says(1, HOST0, 1), says(2, HOST1, 2)), java.util.Map.of(), null, null);
    var status = calc(split, ready, "t2");
    assertThat(status.getPhase()).isEqualTo(Phase.Degraded);
    assertThat(status.getSentinels()).isEqualTo(2);
    assertThat(status.getMessage()).contains("sentinels disagree on the master", "cache-2 says " + HOST1);
  }

  /** A terminating pod is no problem of its own, yet a group short of it is Degraded: the message says how far. */
  @Test
  void aDegradedGroupAlwaysSaysWhy() {
    var ready = calc(healthy(), null, "t1");
    var terminating = new PodState("cache-2", false, "replica", -1, "rev1", null, true);
    var seen = new GroupObservation(3, true, List.of(pod(0, true, "master"), pod(1, true, "replica"), terminating),
        List.of(says(0, HOST0, 0), says(1, HOST0, 0)), java.util.Map.of(), null, null);
    var status = calc(seen, ready, "t2");
    assertThat(status.getPhase()).isEqualTo(Phase.Degraded);
    assertThat(status.getMessage()).isEqualTo("2 of 3 pods ready, 2 of 3 sentinels agree on the master");
  }

  /** After the last pod of a rollout was replaced, the group settling is still the rollout, not a degradation. */
  @Test
  void aRolloutEndsWhenTheGroupHasSettledOrAPodCannotStart() {
    var rolling = calc(healthy(), null, "t1");
    rolling.setPhase(Phase.RollingUpdate);
    var settling = new GroupObservation(3, true,
        List.of(pod(0, false, "replica"), pod(1, true, "master"), pod(2, true, "replica")),
        List.of(says(1, HOST1, 1), says(2, HOST1, 1)), java.util.Map.of(), null, null);
    var status = calc(settling, rolling, "t2");
    assertThat(status.getPhase()).isEqualTo(Phase.RollingUpdate);
    assertThat(status.getMessage()).isEqualTo("cache-0 is not ready");

    var crashing = new PodState("cache-0", false, "replica", -1, "rev1", "is crash-looping", false);
    var failed = new GroupObservation(3, true, List.of(crashing, pod(1, true, "master"), pod(2, true, "replica")),
        settling.sentinels(), java.util.Map.of(), null, null);
    assertThat(calc(failed, rolling, "t3").getPhase()).isEqualTo(Phase.Degraded);

    var settled = new GroupObservation(3, true,
        List.of(pod(0, true, "replica"), pod(1, true, "master"), pod(2, true, "replica")),
        List.of(says(0, HOST1, 1), says(1, HOST1, 1), says(2, HOST1, 1)), java.util.Map.of(), null, null);
    assertThat(calc(settled, status, "t4").getPhase()).isEqualTo(Phase.Ready);
  }

  @Test
  void aReplicaThatDoesNotSyncIsNamed() {
    var ready = calc(healthy(), null, "t1");
    var seen = new GroupObservation(3, true,
        List.of(pod(0, true, "master"), pod(1, false, "replica"), pod(2, true, "replica")),
        healthy().sentinels(), java.util.Map.of(), null, null);
    var status = calc(seen, ready, "t2");
    assertThat(status.getPhase()).isEqualTo(Phase.Degraded);
    assertThat(status.getMessage()).isEqualTo("cache-1 is not ready");
    assertThat(status.getReady()).isEqualTo("2/3");
  }

  @Test
  void aReplicaWithoutReplicationLinkIsNamedWithTheSentinelsReason() {
    var ready = calc(healthy(), null, "t1");
    var seen = new GroupObservation(3, true,
        List.of(pod(0, true, "master"), pod(1, false, "replica"), pod(2, true, "replica")),
        healthy().sentinels(), java.util.Map.of("cache-1", "has no replication link to the master"),
        null, null);
    var status = calc(seen, ready, "t2");
    assertThat(status.getPhase()).isEqualTo(Phase.Degraded);
    assertThat(status.getMessage()).isEqualTo("cache-1 is not ready: has no replication link to the master");
  }

  @Test
  void beforeTheFirstReadyTheGroupIsCreating() {
    var seen = new GroupObservation(3, true, List.of(pod(0, false, null)), List.of(), java.util.Map.of(), null, null);
    assertThat(calc(seen, null, "t1").getPhase()).isEqualTo(Phase.Creating);
  }

  @Test
  void aMissingSecretBeforeAnythingRunsIsAnError() {
    var seen = new GroupObservation(3, false, List.of(), List.of(), java.util.Map.of(), "Secret x does not exist", null);
    var status = calc(seen, null, "t1");
    assertThat(status.getPhase()).isEqualTo(Phase.Error);
    assertThat(status.getMessage()).isEqualTo("Secret x does not exist");
    assertThat(status.getConditions()).filteredOn(c -> c.getType().equals(ConditionTypes.DEGRADED))
        .singleElement().satisfies(c -> assertThat(c.getStatus()).isEqualTo("True"));
  }

  @Test
  void aRefusedSpecIsNotAppliedAndSaysWhy() {
    var h = healthy();
    var seen = new GroupObservation(3, true, h.pods(), h.sentinels(), java.util.Map.of(),
        "spec.redis.image redis:7.0.15 (Redis 7.0, RDB format 10) cannot replace redis:8.0.2", null);
    var status = calc(seen, null, "t1");
    assertThat(status.getConditions()).filteredOn(c -> c.getType().equals(ConditionTypes.SPEC_APPLIED))
        .singleElement().satisfies(c -> {
          assertThat(c.getStatus()).isEqualTo("False");
          assertThat(c.getReason()).isEqualTo("Refused");
          assertThat(c.getMessage()).startsWith("spec.redis.image redis:7.0.15").endsWith("nothing running was changed");
        });
    assertThat(status.getConditions()).filteredOn(c -> c.getType().equals(ConditionTypes.AVAILABLE))
        .singleElement().satisfies(c -> assertThat(c.getStatus()).isEqualTo("True"));
  }

  /** An object the API server refused: said in SpecApplied and the message; the group keeps serving. */
  @Test
  void anObjectTheApiServerRefusedIsNotAppliedAndSaysWhich() {
    var h = healthy();
    var seen = new GroupObservation(3, true, h.pods(), h.sentinels(), java.util.Map.of(), null, null, null, null,
        "the API server refused the NetworkPolicy: spec.ingress[1].from[0].ipBlock.cidr: Invalid value");
    var status = calc(seen, calc(healthy(), null, "t1"), "t2");
    assertThat(status.getConditions()).filteredOn(c -> c.getType().equals(ConditionTypes.SPEC_APPLIED))
        .singleElement().satisfies(c -> {
          assertThat(c.getStatus()).isEqualTo("False");
          assertThat(c.getReason()).isEqualTo("ApplyFailed");
          assertThat(c.getMessage()).startsWith("the API server refused the NetworkPolicy")
              .endsWith("the group's other objects are applied");
        });
    assertThat(status.getPhase()).isEqualTo(Phase.Degraded);
    assertThat(status.getMessage()).startsWith("the API server refused the NetworkPolicy");
    assertThat(status.getConditions()).filteredOn(c -> c.getType().equals(ConditionTypes.AVAILABLE))
        .singleElement().satisfies(c -> assertThat(c.getStatus()).isEqualTo("True"));
  }

  @Test
  void aFailoverInProgressShowsAsFailingOver() {
    var seen = new GroupObservation(3, true, healthy().pods(),
        List.of(new SentinelReport("cache-1", HOST0, 6379, 1, "master,o_down,failover_in_progress", 2, null),
            says(2, HOST0, 1)), java.util.Map.of(), null, null);
    var status = calc(seen, calc(healthy(), null, "t1"), "t2");
    assertThat(status.getPhase()).isEqualTo(Phase.FailingOver);
    assertThat(status.getConditions()).filteredOn(c -> c.getType().equals(ConditionTypes.FAILOVER_IN_PROGRESS))
        .singleElement().satisfies(c -> assertThat(c.getStatus()).isEqualTo("True"));

    // A rollout's own switchover stays the rollout: one rollout, not two around a FailingOver.
    var rolling = new GroupObservation(3, true, seen.pods(), seen.sentinels(), java.util.Map.of(), null,
        "2 of 3 pods updated, waiting: the sentinels report a failover in progress", null, null);
    var during = calc(rolling, calc(healthy(), null, "t1"), "t2");
    assertThat(during.getPhase()).isEqualTo(Phase.RollingUpdate);
    assertThat(during.getConditions()).filteredOn(c -> c.getType().equals(ConditionTypes.FAILOVER_IN_PROGRESS))
        .singleElement().satisfies(c -> assertThat(c.getStatus()).isEqualTo("True"));
  }

  @Test
  void aNewMasterRecordsTheFailoverTime() {
    var before = calc(healthy(), null, "t1");
    var moved = new GroupObservation(3, true, healthy().pods(),
        List.of(says(0, HOST1, 1), says(1, HOST1, 1), says(2, HOST1, 1)), java.util.Map.of(), null, null);
    var status = calc(moved, before, "t2");
    assertThat(status.getMaster().getPod()).isEqualTo("cache-1");
    assertThat(status.getLastFailoverTime()).isEqualTo("t2");
    assertThat(status.getConfigEpoch()).isEqualTo(1);
  }

  @Test
  void lastTransitionTimeMovesOnlyWhenTheStatusDoes() {
    var first = calc(healthy(), null, "t1");
    var second = calc(healthy(), first, "t2");
    assertThat(second.getConditions()).allSatisfy(c -> assertThat(c.getLastTransitionTime()).isEqualTo("t1"));
    var seen = new GroupObservation(3, true,
        List.of(pod(0, true, "master"), pod(1, false, "replica"), pod(2, true, "replica")),
        healthy().sentinels(), java.util.Map.of(), null, null);
    var third = calc(seen, second, "t3");
    assertThat(third.getConditions()).filteredOn(c -> c.getType().equals(ConditionTypes.READY)).singleElement()
        .satisfies(c -> assertThat(c.getLastTransitionTime()).isEqualTo("t3"));
    assertThat(third.getConditions()).filteredOn(c -> c.getType().equals(ConditionTypes.AVAILABLE)).singleElement()
        .satisfies(c -> assertThat(c.getLastTransitionTime()).isEqualTo("t1"));
  }
}
