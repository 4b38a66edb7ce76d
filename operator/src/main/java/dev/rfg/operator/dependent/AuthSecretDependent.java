package dev.rfg.operator.dependent;

import dev.rfg.api.v1alpha1.RedisFailoverGroup;
import dev.rfg.operator.render.GroupLabels;
import dev.rfg.operator.render.GroupNames;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * {@code <name>-auth}, the group's password, when the spec names no Secret. Its informer (every Secret RFG made)
 * also serves {@link SentinelAdminSecretDependent}.
 */
@KubernetesDependent(informer = @Informer(labelSelector = GroupLabels.MANAGED_SELECTOR))
public class AuthSecretDependent extends GeneratedSecretDependent {

  @Override
  protected String name(GroupNames names) {
    return names.generatedAuthSecret();
  }

  @Override
  protected String passwordInUse(GroupContext groupContext) {
    return groupContext.password();
  }

  /** Only when spec.auth names no Secret. */
  public static class Wanted implements Condition<Secret, RedisFailoverGroup> {
    @Override
    public boolean isMet(DependentResource<Secret, RedisFailoverGroup> dependent, RedisFailoverGroup group,
        Context<RedisFailoverGroup> context) {
      return group.getSpec().getAuth() == null || group.getSpec().getAuth().getSecretName() == null;
    }
  }
}
