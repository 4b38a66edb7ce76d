package dev.rfg.operator;

import dev.rfg.api.v1alpha1.RedisFailoverGroup;
import dev.rfg.operator.dependent.AuthSecretDependent;
import dev.rfg.operator.render.GroupNames;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.stream.Stream;

/** Which Secret holds a group's password, and whether it is usable. */
final class AuthResolver {

  /**
   * @param secretName the Secret in force
   * @param key its key
   * @param password the password, or null when it cannot be read
   * @param problem what is wrong with a Secret the user named, or null
   */
  record Auth(String secretName, String key, String password, String problem) {
  }

  private AuthResolver() {
  }

  /**
   * @param owned the Secrets the group owns, from the operator's informer of managed Secrets: the generated one is
   *     read there. A Secret the user names is not watched (that would need list/watch on every Secret), so it is
   *     read by name, as is the generated one while the informer has not seen it yet.
   */
  static Auth resolve(RedisFailoverGroup group, GroupNames names, KubernetesClient client, Stream<Secret> owned) {
    var auth = group.getSpec().getAuth();
    String name = auth == null ? names.generatedAuthSecret() : auth.getSecretName();
    String key = auth == null ? AuthSecretDependent.KEY : auth.getKey();
    Secret secret = auth == null
        ? owned.filter(s -> name.equals(s.getMetadata().getName())).findFirst()
            .orElseGet(() -> get(client, names, name))
        : get(client, names, name);
    String password = password(secret, key);
    if (auth == null) {
      return new Auth(name, key, password, null);
    }
    if (secret == null) {
      return new Auth(name, key, null, "Secret " + name + " named in spec.auth.secretName does not exist");
    }
    if (password == null || password.isEmpty()) {
      return new Auth(name, key, null, "Secret " + name + " has no key " + key + " (spec.auth.key)");
    }
    return new Auth(name, key, password, null);
  }

  private static Secret get(KubernetesClient client, GroupNames names, String name) {
    return client.secrets().inNamespace(names.namespace()).withName(name).get();
  }

  private static String password(Secret secret, String key) {
    if (secret == null) {
      return null;
    }
    if (secret.getData() != null && secret.getData().get(key) != null) {
      return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }
    return secret.getStringData() == null ? null : secret.getStringData().get(key);
  }
}
