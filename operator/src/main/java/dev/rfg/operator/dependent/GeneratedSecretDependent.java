package dev.rfg.operator.dependent;

import dev.rfg.api.v1alpha1.RedisFailoverGroup;
import dev.rfg.operator.render.GroupLabels;
import dev.rfg.operator.render.GroupNames;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * A Secret holding one password RFG generates for a group ({@link AuthSecretDependent},
 * {@link SentinelAdminSecretDependent}). Created once and never updated: a new random password on every reconcile
 * would lock the running pods out. GarbageCollected: it carries an owner reference, so Kubernetes deletes it with
 * the group.
 */
public abstract class GeneratedSecretDependent extends KubernetesDependentResource<Secret, RedisFailoverGroup>
    implements Creator<Secret, RedisFailoverGroup>, GarbageCollected<RedisFailoverGroup> {

  public static final String KEY = "password";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Its name. */
  protected abstract String name(GroupNames names);

  /** The password in force that a Secret made again must hold (AuthResolver knew it), or null for a new one. */
  protected abstract String passwordInUse(GroupContext groupContext);

  @Override
  protected Secret desired(RedisFailoverGroup group, Context<RedisFailoverGroup> context) {
    var groupContext = GroupContext.of(context);
    var names = groupContext.names(group);
    String inUse = passwordInUse(groupContext);
    return new SecretBuilder()
        .withNewMetadata().withName(name(names)).withNamespace(names.namespace())
        .withLabels(GroupLabels.common(names.group())).endMetadata()
        .withType("Opaque")
        .addToStringData(KEY, inUse != null ? inUse : newPassword())
        .build();
  }

  /** Made by RFG for this group (by an earlier group of the same name, perhaps): its labels say so. */
  public static boolean madeFor(Secret secret, GroupNames names) {
    var labels = secret.getMetadata().getLabels();
    return labels != null && names.group().equals(labels.get(GroupLabels.GROUP))
        && GroupLabels.MANAGER.equals(labels.get(GroupLabels.MANAGED_BY));
  }

  /**
   * A Secret of that name that RFG made for an earlier group of this name (a leftover) is adopted, never replaced:
   * running pods may already use its password. One RFG did not make is never touched (AuthResolver reports it; this
   * only meets one made in the moment between that check and the create).
   */
  @Override
  public final Secret create(Secret desired, RedisFailoverGroup group, Context<RedisFailoverGroup> context) {
    try {
      return super.create(desired, group, context);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
      var found = context.getClient().secrets().inNamespace(desired.getMetadata().getNamespace())
          .withName(desired.getMetadata().getName()).get();
      if (found == null || !madeFor(found, GroupContext.of(context).names(group))) {
        throw new IllegalStateException("Secret " + desired.getMetadata().getName() + " appeared and was not made "
            + "by RFG for this group: it is left alone", e);
      }
      return context.getClient().secrets().inNamespace(desired.getMetadata().getNamespace())
          .withName(desired.getMetadata().getName()).edit(existing -> {
            existing.getMetadata().setOwnerReferences(new java.util.ArrayList<>(List.of(
                new OwnerReferenceBuilder().withApiVersion(group.getApiVersion()).withKind(group.getKind())
                    .withName(group.getMetadata().getName()).withUid(group.getMetadata().getUid())
                    .withController(true).withBlockOwnerDeletion(true).build())));
            var labels = new java.util.HashMap<String, String>(existing.getMetadata().getLabels() == null
                ? java.util.Map.of() : existing.getMetadata().getLabels());
            labels.putAll(desired.getMetadata().getLabels());
            existing.getMetadata().setLabels(labels);
            return existing;
          });
    }
  }

  /**
   * Not deleted when it is no longer wanted (spec.auth comes to name another Secret): pods that have not been
   * replaced yet still read this password. It goes with the group, by its owner reference.
   */
  @Override
  public void delete(RedisFailoverGroup group, Context<RedisFailoverGroup> context) {
    // kept on purpose
  }

  static String newPassword() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

}
