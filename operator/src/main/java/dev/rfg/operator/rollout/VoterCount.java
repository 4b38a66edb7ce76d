package dev.rfg.operator.rollout;

import dev.rfg.operator.render.GroupNames;
import dev.rfg.operator.status.PodState;

import java.util.List;

/**
 * How many sentinels an election is counted against while a group is resized. A new voter counts once its pod is
 * Ready: during 3 → 5, a master lost before the new pods run must not need 3 votes from the 2 sentinels left. A
 * removed voter counts until its pod is gone: during 5 → 3, the two leaving sentinels may still vote. Otherwise it
 * is the group's size.
 */
public final class VoterCount {

  private VoterCount() {
  }

  /**
   * @param replicas spec.replicas
   * @param previous the voters the sidecars were last given (the ConfigMap's), or null for a new group
   * @param pods the group's pods
   */
  public static int of(int replicas, Integer previous, List<PodState> pods, GroupNames names) {
    if (previous == null || previous == replicas) {
      return replicas;
    }
    if (replicas > previous) {
      // In ordinal order, so that recounting from the voters already given is the same count: pod 4 Ready before
      // pod 3 waits for pod 3. A voter once counted stays one, as any member does when its pod is down.
      var ready = pods.stream().filter(PodState::ready).map(p -> names.ordinalOf(p.name()))
          .collect(java.util.stream.Collectors.toSet());
      int voters = previous;
      while (voters < replicas && ready.contains(voters)) {
        voters++;
      }
      return voters;
    }
    return Math.max(replicas, Math.min(previous, PodState.ordinalSpan(names, pods)));
  }
}
