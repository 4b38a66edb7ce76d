package dev.rfg.operator;

import dev.rfg.api.v1alpha1.AclUserSpec;
import dev.rfg.api.v1alpha1.RedisFailoverGroup;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether every application user of spec.auth.users has a password where its passwordSecret says. A missing one is
 * a condition and an event, never a stop: the pods mount these Secrets optionally, and a sidecar leaves a user
 * without a password as it runs. One that does not let the group mount it ({@link SecretAccess}) stops the
 * workflow, as a named auth Secret that does not: no pod template names it. Read by name, as the named auth Secret
 * is (watching every Secret would take list/watch on all of them).
 *
 * @param refused the users' Secrets that do not let the group mount them, or null
 * @param missing the users' Secrets or keys that do not exist, or null
 */
record AclUserSecrets(String refused, String missing) {

  static final AclUserSecrets NONE = new AclUserSecrets(null, null);

  /** Both, for the condition and the status message; null when all is well. */
  String problem() {
    return refused == null ? missing : missing == null ? refused : refused + "; " + missing;
  }

  static AclUserSecrets check(RedisFailoverGroup group, KubernetesClient client) {
    var auth = group.getSpec().getAuth();
    if (auth == null || auth.getUsers() == null || auth.getUsers().isEmpty()) {
      return NONE;
    }
    Map<String, Optional<Secret>> read = new HashMap<>();
    List<String> refused = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (AclUserSpec user : auth.getUsers()) {
      var ref = user.getPasswordSecret();
      Secret secret = read.computeIfAbsent(ref.getName(), name -> Optional.ofNullable(client.secrets()
          .inNamespace(group.getMetadata().getNamespace()).withName(name).get())).orElse(null);
      if (secret == null) {
        problems.add("Secret " + ref.getName() + " of ACL user " + user.getName() + " does not exist");
      } else if (!SecretAccess.allows(secret, group.getMetadata().getName())) {
        refused.add(SecretAccess.refusal(ref.getName(), "password of ACL user " + user.getName(),
            group.getMetadata().getName()));
      } else if (!hasValue(secret.getData(), ref.getKey()) && !hasValue(secret.getStringData(), ref.getKey())) {
        problems.add("Secret " + ref.getName() + " has no key " + ref.getKey() + " for ACL user " + user.getName());
      }
    }
    return new AclUserSecrets(refused.isEmpty() ? null : String.join("; ", refused),
        problems.isEmpty() ? null : String.join("; ", problems));
  }

  private static boolean hasValue(Map<String, String> data, String key) {
    return data != null && data.get(key) != null && !data.get(key).isEmpty();
  }
}
