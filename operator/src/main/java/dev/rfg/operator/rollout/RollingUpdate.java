package dev.rfg.operator.rollout;

import dev.rfg.operator.status.Passwords;
import dev.rfg.api.v1alpha1.RedisFailoverGroup;
import dev.rfg.operator.events.GroupEvents;
import dev.rfg.operator.render.GroupNames;
import io.fabric8.kubernetes.client.KubernetesClient;

/** Carries out the step the planner chose, and says so in an event. */
public final class RollingUpdate {

  private final SwitchoverRequester switchovers;

  public RollingUpdate(SwitchoverRequester switchovers) {
    this.switchovers = switchovers;
  }

  /** Returns the progress to show in status, or null when no rollout runs. */
  public String act(RolloutStep step, RedisFailoverGroup group, GroupNames names, String masterPod, Passwords passwords,
      KubernetesClient client, GroupEvents events, boolean wasRolling) {
    switch (step.action()) {
      case NONE -> {
        // RollingUpdateFinished is told when the phase leaves RollingUpdate (GroupTransitions): the last
        // replaced pod has to be back and the sentinels settled first.
        return null;
      }
      case WAIT -> {
        return step.progress();
      }
      case REPLACE_REPLICA, REPLACE_ONLY_POD -> {
        if (!wasRolling) {
          events.normal(group, "RollingUpdateStarted", "the pod template changed: replacing replicas first, "
              + "then one switchover");
        }
        events.normal(group, "RollingUpdate", step.progress());
        client.pods().inNamespace(names.namespace()).withName(step.pod()).delete();
        return step.progress();
      }
      case SWITCHOVER -> {
        String error = switchovers.request(names, masterPod, step.pod(), passwords);
        if (error == null) {
          events.normal(group, "Switchover", step.progress());
          return step.progress();
        }
        events.warning(group, "SwitchoverRefused", "switchover to " + step.pod() + " refused: " + error
            + "; retrying");
        return step.progress() + " (switchover refused: " + error + ")";
      }
      default -> throw new IllegalStateException(step.action().name());
    }
  }
}
