package dev.rfg.operator.status;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything the status is computed from, gathered in one reconcile.
 *
 * @param desiredReplicas spec.replicas
 * @param statefulSetExists whether the StatefulSet is there
 * @param pods the group's pods, by name
 * @param sentinels what each reachable sentinel says
 * @param replicaProblems replicas whose replication link a sentinel reports broken, with the reason
 * @param configProblem a problem in the spec's references (a missing Secret...), or null
 * @param rollout progress of a rolling update, or null when none runs
 * @param waiting a destructive action the safety gate holds back, and why (status shows it), or null
 * @param usersProblem an application user of spec.auth.users without its password, or null
 * @param applyProblem what the API server refused of the rendered objects (the others were applied), or null
 */
public record GroupObservation(int desiredReplicas, boolean statefulSetExists, List<PodState> pods,
    List<SentinelReport> sentinels, Map<String, String> replicaProblems, String configProblem, String rollout,
    String waiting, String usersProblem, String applyProblem) {

  public GroupObservation(int desiredReplicas, boolean statefulSetExists, List<PodState> pods,
      List<SentinelReport> sentinels, Map<String, String> replicaProblems, String configProblem, String rollout,
      String waiting, String usersProblem) {
    this(desiredReplicas, statefulSetExists, pods, sentinels, replicaProblems, configProblem, rollout, waiting,
        usersProblem, null);
  }

  public GroupObservation(int desiredReplicas, boolean statefulSetExists, List<PodState> pods,
      List<SentinelReport> sentinels, Map<String, String> replicaProblems, String configProblem, String rollout,
      String waiting) {
    this(desiredReplicas, statefulSetExists, pods, sentinels, replicaProblems, configProblem, rollout, waiting, null);
  }

  public GroupObservation(int desiredReplicas, boolean statefulSetExists, List<PodState> pods,
      List<SentinelReport> sentinels, Map<String, String> replicaProblems, String configProblem, String rollout) {
    this(desiredReplicas, statefulSetExists, pods, sentinels, replicaProblems, configProblem, rollout, null);
  }

  public Map<String, PodState> podsByName() {
    return pods.stream().collect(Collectors.toMap(PodState::name, Function.identity()));
  }

  public long readyPods() {
    return pods.stream().filter(PodState::ready).count();
  }

  /** The master address most sentinels give, with how many give it. */
  public Optional<Map.Entry<String, Long>> majorityMaster() {
    return sentinels.stream().filter(SentinelReport::answered)
        .collect(Collectors.groupingBy(r -> r.masterHost() + ":" + r.masterPort(), Collectors.counting()))
        .entrySet().stream().max(Map.Entry.comparingByValue());
  }

  public long configEpoch() {
    return sentinels.stream().filter(SentinelReport::answered).mapToLong(SentinelReport::configEpoch).max()
        .orElse(0);
  }

  public boolean failingOver() {
    return sentinels.stream().anyMatch(SentinelReport::failingOver);
  }
}
