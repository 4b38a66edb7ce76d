package dev.rfg.operator.status;

import dev.rfg.api.v1alpha1.ConditionTypes;
import dev.rfg.api.v1alpha1.MasterStatus;
import dev.rfg.api.v1alpha1.Phase;
import dev.rfg.api.v1alpha1.RedisFailoverGroupStatus;
import dev.rfg.operator.render.GroupNames;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns an observation into status: phase, master, counts, conditions and a message saying what is wrong. */
public final class StatusCalculator {

  private StatusCalculator() {
  }

  public static RedisFailoverGroupStatus calculate(GroupObservation seen, GroupNames names,
      RedisFailoverGroupStatus previous, long generation, String now) {
    RedisFailoverGroupStatus status = new RedisFailoverGroupStatus();
    status.setObservedGeneration(generation);
    status.setReplicas(seen.pods().size());
    status.setReadyReplicas((int) seen.readyPods());
    status.setReady(seen.readyPods() + "/" + seen.desiredReplicas());
    status.setSelector("rfg.dev/group=" + names.group());
    status.setAuthSecretName(previous == null ? null : previous.getAuthSecretName());
    status.setLastFailoverTime(previous == null ? null : previous.getLastFailoverTime());

    Optional<Map.Entry<String, Long>> elected = seen.majorityMaster();
    elected.ifPresent(e -> {
      String host = e.getKey().substring(0, e.getKey().lastIndexOf(':'));
      status.setMaster(new MasterStatus(podOf(host, names), e.getKey()));
      status.setSentinels(e.getValue().intValue());
      status.setConfigEpoch(seen.configEpoch());
    });
    if (elected.isEmpty()) {
      status.setSentinels(0);
    }
    String previousMaster = previous == null || previous.getMaster() == null ? null : previous.getMaster().getPod();
    if (status.getMaster() != null && previousMaster != null && !previousMaster.equals(status.getMaster().getPod())) {
      status.setLastFailoverTime(now);
    }

    List<String> problems = problems(seen, status);
    status.setMessage(problems.isEmpty() ? null : String.join("; ", problems));
    status.setPhase(phase(seen, status, previous, problems));

    List<String> onPrevious = seen.sentinels().stream().filter(SentinelReport::previousPassword)
        .map(SentinelReport::pod).sorted().toList();
    boolean masterServes = status.getMaster() != null && seen.podsByName().containsKey(status.getMaster().getPod())
        && seen.podsByName().get(status.getMaster().getPod()).ready();
    status.setConditions(new ConditionSet(previous == null ? null : previous.getConditions(), generation, now)
        .set(ConditionTypes.READY, status.getPhase() == Phase.Ready, status.getPhase().name(),
            status.getPhase() == Phase.Ready ? "every pod ready, every sentinel agrees" : status.getMessage())
        .set(ConditionTypes.AVAILABLE, masterServes, masterServes ? "MasterReady" : "NoReadyMaster",
            masterServes ? status.getMaster().getPod() + " accepts writes" : "no ready master")
        .set(ConditionTypes.DEGRADED, status.getPhase() == Phase.Degraded || status.getPhase() == Phase.Error,
            problems.isEmpty() ? "AsDesired" : "Problems", status.getMessage())
        .set(ConditionTypes.FAILOVER_IN_PROGRESS, seen.failingOver(),
            seen.failingOver() ? "SentinelsFailingOver" : "NoFailover",
            seen.failingOver() ? "the sentinels report a failover in progress" : "")
        .set(ConditionTypes.PASSWORD_ROTATION, !onPrevious.isEmpty(),
            onPrevious.isEmpty() ? "CurrentPassword" : "PodsMovingOver", onPrevious.isEmpty()
                ? "every sentinel that answered accepts the Secret's password"
                : "the sentinels of " + String.join(", ", onPrevious) + " accept only the previous password yet "
                    + "(their kubelets have not updated the Secret's file); both work meanwhile")
        .set(ConditionTypes.SPEC_APPLIED, seen.configProblem() == null && seen.applyProblem() == null,
            seen.configProblem() != null ? "Refused" : seen.applyProblem() != null ? "ApplyFailed" : "Applied",
            seen.configProblem() != null ? seen.configProblem() + "; nothing running was changed"
                : seen.applyProblem() != null ? seen.applyProblem() + "; the group's other objects are applied"
                : "the operator renders the current spec")
        .set(ConditionTypes.ACL_USERS_READY, seen.usersProblem() == null,
            seen.usersProblem() == null ? "PasswordsFound" : "PasswordMissing",
            seen.usersProblem() == null ? "every user of spec.auth.users has a password" : seen.usersProblem())
        .build());
    return status;
  }

  public static String podOf(String host, GroupNames names) {
    String pod = host.contains(".") ? host.substring(0, host.indexOf('.')) : host;
    return names.ordinalOf(pod) >= 0 ? pod : host;
  }

  private static List<String> problems(GroupObservation seen, RedisFailoverGroupStatus status) {
    List<String> problems = new ArrayList<>();
    if (seen.configProblem() != null) {
      problems.add(seen.configProblem());
    }
    if (seen.applyProblem() != null) {
      problems.add(seen.applyProblem());
    }
    if (seen.waiting() != null) {
      problems.add(seen.waiting());
    }
    if (seen.usersProblem() != null && seen.configProblem() == null) {
      problems.add(seen.usersProblem()); // with a config problem, that one says it (condition AclUsersReady has both)
    }
    seen.pods().stream().filter(p -> p.problem() != null).forEach(p -> problems.add(p.name() + " " + p.problem()));
    seen.pods().stream().filter(p -> !p.ready() && p.problem() == null && !p.deleting())
        .forEach(p -> problems.add(p.name() + " is not ready"
            + (seen.replicaProblems().containsKey(p.name()) ? ": " + seen.replicaProblems().get(p.name()) : "")));
    seen.replicaProblems().forEach((pod, problem) -> {
      if (seen.podsByName().containsKey(pod) && seen.podsByName().get(pod).ready()) {
        problems.add(pod + " " + problem);
      }
    });
    if (seen.statefulSetExists() && seen.pods().size() < seen.desiredReplicas()) {
      problems.add((seen.desiredReplicas() - seen.pods().size()) + " of " + seen.desiredReplicas()
          + " pods missing");
    }
    long answered = seen.sentinels().stream().filter(SentinelReport::answered).count();
    if (!seen.pods().isEmpty() && answered == 0) {
      problems.add("no sentinel reports a master");
    } else if (status.getSentinels() != null && status.getSentinels() < answered) {
      problems.add("sentinels disagree on the master: " + disagreement(seen));
    }
    int desired = seen.desiredReplicas();
    if (problems.isEmpty() && (seen.readyPods() < desired
        || status.getSentinels() != null && status.getSentinels() < desired)) {
      // Nothing above names it (a pod terminating, a sentinel not yet counted), yet the group is not all there:
      // say how far it is, rather than a Degraded with no message.
      problems.add(seen.readyPods() + " of " + desired + " pods ready, " + status.getSentinels() + " of " + desired
          + " sentinels agree on the master");
    }
    return problems;
  }

  private static String disagreement(GroupObservation seen) {
    return String.join(", ", seen.sentinels().stream().filter(SentinelReport::answered)
        .map(r -> r.pod() + " says " + r.masterHost()).toList());
  }

  private static Phase phase(GroupObservation seen, RedisFailoverGroupStatus status,
      RedisFailoverGroupStatus previous, List<String> problems) {
    if (!seen.statefulSetExists()) {
      return seen.configProblem() != null ? Phase.Error : Phase.Pending;
    }
    // A rollout's own switchover is part of the rollout (condition FailoverInProgress says it meanwhile): as
    // FailingOver in between, one rollout read as two, each with its Started and Finished events.
    if (seen.rollout() != null) {
      return Phase.RollingUpdate;
    }
    if (seen.failingOver()) {
      return Phase.FailingOver;
    }
    boolean allGood = problems.isEmpty() && status.getMaster() != null
        && seen.readyPods() == seen.desiredReplicas() && status.getSentinels() == seen.desiredReplicas();
    if (allGood) {
      return Phase.Ready;
    }
    Phase before = previous == null ? null : previous.getPhase();
    if (before == Phase.RollingUpdate && seen.configProblem() == null
        && seen.pods().stream().allMatch(p -> p.problem() == null)) {
      // Every pod was replaced, and the group is still settling: the last pod starting, its sentinel being
      // counted, a replica's link seen up again. That is the rollout's tail, not a degradation; a pod that cannot
      // start (a problem of its own) or a config problem ends it.
      return Phase.RollingUpdate;
    }
    boolean neverReady = before == null || before == Phase.Pending || before == Phase.Creating;
    return neverReady && seen.configProblem() == null ? Phase.Creating : Phase.Degraded;
  }
}
