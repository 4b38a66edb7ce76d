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
 * without a password as it runs. Read by name, as the named auth Secret is (watching every Secret would take
 * list/watch on all of them).
 */
final class AclUserSecrets {

  private AclUserSecrets() {
  }

  /** What is wrong, or null. */
  static String problem(RedisFailoverGroup group, KubernetesClient client) {
    var auth = group.getSpec().getAuth();
    if (auth == null || auth.getUsers() == null || auth.getUsers().isEmpty()) {
      return null;
    }
    Map<String, Optional<Secret>> read = new HashMap<>();
    List<String> problems = new ArrayList<>();
    for (AclUserSpec user : auth.getUsers()) {
      var ref = user.getPasswordSecret();
      Secret secret = read.computeIfAbsent(ref.getName(), name -> Optional.ofNullable(client.secrets()
          .inNamespace(group.getMetadata().getNamespace()).withName(name).get())).orElse(null);
      if (secret == null) {
        problems.add("Secret " + ref.getName() + " of ACL user " + user.getName() + " does not exist");
      } else if (!hasValue(secret.getData(), ref.getKey()) && !hasValue(secret.getStringData(), ref.getKey())) {
        problems.add("Secret " + ref.getName() + " has no key " + ref.getKey() + " for ACL user " + user.getName());
      }
    }
    return problems.isEmpty() ? null : String.join("; ", problems);
  }

  private static boolean hasValue(Map<String, String> data, String key) {
    return data != null && data.get(key) != null && !data.get(key).isEmpty();
  }
}
