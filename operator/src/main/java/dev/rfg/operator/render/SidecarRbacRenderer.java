package dev.rfg.operator.render;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;

/**
 * What the sidecars may do with the API: read and relabel the group's pods (the failover leader moves the
 * role label), report events and read the group's own ConfigMap (its settings, followed within seconds rather
 * than at the kubelet's volume sync). Nothing else, and only in the group's namespace. The operator's
 * ClusterRole (helm/rfg-operator/templates/clusterrole.yaml) must hold all of this itself to grant it.
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

  public static Role role(GroupNames names) {
    return new RoleBuilder()
        .withNewMetadata().withName(names.sentinelServiceAccount()).withNamespace(names.namespace())
        .withLabels(GroupLabels.common(names.group())).endMetadata()
        .withRules(
            new PolicyRuleBuilder().withApiGroups("").withResources("pods")
                .withVerbs("get", "list", "watch", "patch").build(),
            new PolicyRuleBuilder().withApiGroups("", "events.k8s.io").withResources("events")
                .withVerbs("create", "patch").build(),
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
