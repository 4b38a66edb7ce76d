package dev.rfg.operator.dependent;

import dev.rfg.api.v1alpha1.RedisFailoverGroup;
import dev.rfg.operator.render.GroupLabels;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * {@code <name>-auth}, when the spec names no Secret. Created once and never updated: a new random password
 * on every reconcile would lock the running pods out. GarbageCollected: it carries an owner reference, so
 * Kubernetes deletes it with the group.
 */
@KubernetesDependent(informer = @Informer(labelSelector = GroupLabels.MANAGED_SELECTOR))
public class AuthSecretDependent extends KubernetesDependentResource<Secret, RedisFailoverGroup>
    implements Creator<Secret, RedisFailoverGroup>, GarbageCollected<RedisFailoverGroup> {

  public static final String KEY = "password";
  private static final SecureRandom RANDOM = new SecureRandom();

  @Override
  protected Secret desired(RedisFailoverGroup group, Context<RedisFailoverGroup> context) {
    var names = GroupContext.of(context).names(group);
    return new SecretBuilder()
        .withNewMetadata().withName(names.generatedAuthSecret()).withNamespace(names.namespace())
        .withLabels(GroupLabels.common(names.group())).endMetadata()
        .withType("Opaque")
        .addToStringData(KEY, newPassword())
        .build();
  }

  static String newPassword() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Only when spec.auth is absent. */
  public static class Wanted implements Condition<Secret, RedisFailoverGroup> {
    @Override
    public boolean isMet(DependentResource<Secret, RedisFailoverGroup> dependent, RedisFailoverGroup group,
        Context<RedisFailoverGroup> context) {
      return group.getSpec().getAuth() == null;
    }
  }
}
