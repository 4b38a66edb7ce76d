package dev.rfg.operator.render;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;

import java.util.stream.IntStream;

/**
 * What the sidecars may do with the API, each verb for one call of the sidecar's KubeApi, nothing else and only
 * in the group's namespace:
 * <ul>
 *   <li>pods get, patch: only the group's own pods, by name. The failover leader moves the role label and the
 *   epoch annotation (RoleLabeler); a ValidatingAdmissionPolicy in the chart refuses any other change made with
 *   this identity, so a stolen token can neither change an image nor relabel other pods;</li>
 *   <li>pods list: the labeler finds the pods labelled master. RBAC cannot narrow a list by label, so this one
 *   read covers the namespace's pods;</li>
 *   <li>events create: failovers reported on the group (core/v1 Events, never patched);</li>
 *   <li>configmaps get: the group's own ConfigMap, its settings followed within seconds rather than at the
 *   kubelet's volume sync.</li>
 * </ul>
 * The operator's ClusterRole (helm/rfg-operator/templates/clusterrole.yaml) must hold all of this itself to grant it.
 */
public final class SidecarRbacRenderer {

  private SidecarRbacRenderer() {
  }

  public static ServiceAccount serviceAccount(GroupNames names) {
    return new ServiceAccountBuilder()
        .withNewMetadata().withName(names.sentinelServiceAccount()).withNamespace(names.namespace())
        .withLabels(GroupLabels.common(names.group())).endMetadata()
        .build();
  }

  /**
   * {@code podCount} covers every pod that exists or is about to: the StatefulSet's new size before a scale-up
   * creates pods, the old one until a scale-down's pods are gone.
   */
  public static Role role(GroupNames names, int podCount) {
    String[] pods = IntStream.range(0, podCount).mapToObj(names::pod).toArray(String[]::new);
    return new RoleBuilder()
        .withNewMetadata().withName(names.sentinelServiceAccount()).withNamespace(names.namespace())
        .withLabels(GroupLabels.common(names.group())).endMetadata()
        .withRules(
            new PolicyRuleBuilder().withApiGroups("").withResources("pods").withResourceNames(pods)
                .withVerbs("get", "patch").build(),
            new PolicyRuleBuilder().withApiGroups("").withResources("pods").withVerbs("list").build(),
            new PolicyRuleBuilder().withApiGroups("").withResources("events").withVerbs("create").build(),
            new PolicyRuleBuilder().withApiGroups("").withResources("configmaps")
                .withResourceNames(names.configMap()).withVerbs("get").build())
        .build();
  }

  public static RoleBinding roleBinding(GroupNames names) {
    return new RoleBindingBuilder()
        .withNewMetadata().withName(names.sentinelServiceAccount()).withNamespace(names.namespace())
        .withLabels(GroupLabels.common(names.group())).endMetadata()
        .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("Role")
        .withName(names.sentinelServiceAccount()).endRoleRef()
        .addNewSubject().withKind("ServiceAccount").withName(names.sentinelServiceAccount())
        .withNamespace(names.namespace()).endSubject()
        .build();
  }
}
