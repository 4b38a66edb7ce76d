package dev.rfg.operator.dependent;

import dev.rfg.api.v1alpha1.RedisFailoverGroup;
import dev.rfg.operator.OperatorSettings;
import dev.rfg.operator.render.GroupNames;
import dev.rfg.operator.status.PodState;
import io.javaoperatorsdk.operator.api.reconciler.Context;

import java.util.List;

/**
 * What the reconciler resolved before it runs the dependents (settings, the auth Secret in force), handed to
 * them through the workflow context because JOSDK builds dependents with no-arg constructors.
 * {@code statefulSetReplicas} can lag spec.replicas: a scale-down waits until the master is not among the
 * pods it removes. {@code password} is the one in force, when known: a generated Secret that has to be made again
 * carries it; {@code adminPassword} likewise for NAME-sentinel-admin. {@code pods} are the group's pods as this reconcile observed them.
 */
public record GroupContext(OperatorSettings settings, String authSecretName, String authKey, String password,
    String adminPassword, int statefulSetReplicas, List<PodState> pods) {

  private static final String KEY = GroupContext.class.getName();

  public void store(Context<RedisFailoverGroup> context) {
    context.managedWorkflowAndDependentResourceContext().put(KEY, this);
  }

  public static GroupContext of(Context<RedisFailoverGroup> context) {
    return context.managedWorkflowAndDependentResourceContext().getMandatory(KEY, GroupContext.class);
  }

  /** Never the password: a record's own toString would print it wherever the context is logged. */
  @Override
  public String toString() {
    return "GroupContext[authSecretName=" + authSecretName + ", authKey=" + authKey + ", statefulSetReplicas="
        + statefulSetReplicas + ", pods=" + pods.size() + "]";
  }

  /** The StatefulSet's size, or more while pods of higher ordinals (a scale-down's) still exist. */
  public int podCount(GroupNames names) {
    return Math.max(statefulSetReplicas, PodState.ordinalSpan(names, pods));
  }

  public GroupNames names(RedisFailoverGroup group) {
    return GroupNames.of(group, settings.clusterDomain());
  }
}
