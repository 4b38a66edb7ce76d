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
      List<PodState> pods, Passwords passwords, String configProblem) {
    List<String> running = pods.stream().filter(p -> !p.deleting()).map(PodState::name).toList();
    List<SentinelReport> reports = running.isEmpty() || !passwords.known() ? List.of()
        : sentinels.ask(names, running, passwords);
    Map<String, String> replicaProblems = reports.stream().filter(SentinelReport::answered).findFirst()
        .map(r -> sentinels.replicaProblems(names, r.pod(), passwords)).orElse(Map.of());
    return new GroupObservation(desiredReplicas, statefulSetExists, pods, reports, replicaProblems, configProblem,
        null);
  }

  /** What the Redis of {@code pod} answers to ROLE now; empty without a password or an answer. */
  public java.util.Optional<String> redisRole(GroupNames names, String pod, Passwords passwords) {
    return !passwords.known() ? java.util.Optional.empty() : sentinels.redisRole(names, pod, passwords);
  }
}
