package dev.rfg.operator.status;

import dev.rfg.operator.render.GroupLabels;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;

import java.util.Objects;
import java.util.stream.Stream;

/** The few facts about a pod that status, labels and rollouts need. */
public record PodState(String name, boolean ready, String role, long roleEpoch, String revision, String problem,
    boolean deleting) {

  /** One more than the highest ordinal among these pods (0 for none): how many names they span. */
  public static int ordinalSpan(dev.rfg.operator.render.GroupNames names, java.util.List<PodState> pods) {
    return pods.stream().mapToInt(p -> names.ordinalOf(p.name()) + 1).max().orElse(0);
  }

  public static PodState of(Pod pod) {
    var labels = pod.getMetadata().getLabels();
    boolean ready = pod.getStatus() != null && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    var annotations = pod.getMetadata().getAnnotations();
    String epoch = annotations == null ? null : annotations.get(GroupLabels.ROLE_EPOCH);
    return new PodState(pod.getMetadata().getName(), ready,
        labels == null ? null : labels.get(GroupLabels.ROLE), epoch == null ? -1 : parseEpoch(epoch),
        labels == null ? null : labels.get("controller-revision-hash"),
        problem(pod), pod.getMetadata().getDeletionTimestamp() != null);
  }

  private static long parseEpoch(String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** A reason a person can act on (ImagePullBackOff, CrashLoopBackOff, Unschedulable...), or null. */
  static String problem(Pod pod) {
    if (pod.getStatus() == null) {
      return null;
    }
    var status = pod.getStatus();
    String waiting = Stream.concat(
            status.getInitContainerStatuses() == null ? Stream.empty() : status.getInitContainerStatuses().stream(),
            status.getContainerStatuses() == null ? Stream.empty() : status.getContainerStatuses().stream())
        .map(PodState::waitingProblem).filter(Objects::nonNull).findFirst().orElse(null);
    if (waiting != null) {
      return waiting;
    }
    return status.getConditions() == null ? null : status.getConditions().stream()
        .filter(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus()))
        .map(c -> "not scheduled: " + c.getMessage()).findFirst().orElse(null);
  }

  private static String waitingProblem(ContainerStatus container) {
    if (container.getState() == null || container.getState().getWaiting() == null) {
      return null;
    }
    String reason = container.getState().getWaiting().getReason();
    if (reason == null || reason.equals("ContainerCreating") || reason.equals("PodInitializing")) {
      return null;
    }
    String message = container.getState().getWaiting().getMessage();
    return container.getName() + ": " + reason + (message == null ? "" : " (" + message + ")");
  }

  public boolean isMaster() {
    return GroupLabels.ROLE_MASTER.equals(role);
  }
}
