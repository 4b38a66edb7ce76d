package dev.rfg.operator.status;

import dev.rfg.operator.render.GroupNames;

import java.util.List;
import java.util.Map;

/**
 * One look at a group: what every running pod's sentinel says about the master, and how one of them sees
 * the replicas' links. Nothing is asked without the password or without pods.
 */
public final class SentinelObserver {

  private final SentinelQuery sentinels;

  public SentinelObserver(SentinelQuery sentinels) {
    this.sentinels = sentinels;
  }

  public GroupObservation observe(GroupNames names, int desiredReplicas, boolean statefulSetExists,
      List<PodState> pods, String password, String configProblem) {
    List<String> running = pods.stream().filter(p -> !p.deleting()).map(PodState::name).toList();
    List<SentinelReport> reports = running.isEmpty() || password == null ? List.of()
        : sentinels.ask(names, running, password);
    Map<String, String> replicaProblems = reports.stream().filter(SentinelReport::answered).findFirst()
        .map(r -> sentinels.replicaProblems(names, r.pod(), password)).orElse(Map.of());
    return new GroupObservation(desiredReplicas, statefulSetExists, pods, reports, replicaProblems, configProblem,
        null);
  }

  /** What the Redis of {@code pod} answers to ROLE now; empty without a password or an answer. */
  public java.util.Optional<String> redisRole(GroupNames names, String pod, String password) {
    return password == null ? java.util.Optional.empty() : sentinels.redisRole(names, pod, password);
  }
}
