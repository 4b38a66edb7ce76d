package dev.rfg.operator;

import dev.rfg.api.v1alpha1.RedisFailoverGroup;
import dev.rfg.operator.dependent.GeneratedSecretDependent;
import dev.rfg.operator.render.GroupLabels;
import dev.rfg.operator.render.GroupNames;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.stream.Stream;

/**
 * Which Secret holds a group's password, and whether it is usable. What the pods run with never changes because a
 * Secret went wrong: a generated Secret someone deleted is made again with the password in use when the operator
 * knows it (it saw the Secret before), and is a problem otherwise; an emptied Secret, a named one that is gone, or a
 * Secret of the generated name that RFG did not make for this group are problems. A problem stops the workflow, so
 * nothing running is touched, and becomes a condition and an event.
 */
final class AuthResolver {

  /**
   * @param secretName the Secret in force
   * @param key its key
   * @param password the password, or null when it cannot be read
   * @param problem what is wrong with the Secret, or null
   * @param restored a generated Secret that was deleted is made again with the password in use (worth an event)
   */
  record Auth(String secretName, String key, String password, String problem, boolean restored) {
    Auth(String secretName, String key, String password, String problem) {
      this(secretName, key, password, problem, false);
    }

    /** Never the password. */
    @Override
    public String toString() {
      return "Auth[secretName=" + secretName + ", key=" + key + ", problem=" + problem + ", restored=" + restored
          + "]";
    }
  }

  private AuthResolver() {
  }

  /**
   * @param owned the Secrets the group owns, from the operator's informer of managed Secrets: the generated one is
   *     read there. A Secret the user names is not watched (that would need list/watch on every Secret), so it is
   *     read by name, as is the generated one while the informer has not seen it yet.
   * @param running whether the group's pods exist (its StatefulSet does): they run with a password already
   * @param known the passwords this operator saw in the groups' generated Secrets
   */
  static Auth resolve(RedisFailoverGroup group, GroupNames names, KubernetesClient client, Stream<Secret> owned,
      boolean running, KnownPasswords known) {
    var auth = group.getSpec().getAuth();
    if (auth == null || auth.getSecretName() == null) {
      return generated(group, names.generatedAuthSecret(), "the group's generated password", names, client, owned,
          running, known);
    }
    String name = auth.getSecretName();
    String key = auth.getKey();
    Secret secret = get(client, names, name);
    if (secret == null) {
      return new Auth(name, key, null, "Secret " + name + " named in spec.auth.secretName does not exist");
    }
    if (!SecretAccess.allows(secret, names.group())) {
      return new Auth(name, key, null, SecretAccess.refusal(name, "spec.auth.secretName", names.group()));
    }
    String password = password(secret, key);
    if (password == null || password.isEmpty()) {
      return new Auth(name, key, null, "Secret " + name + " has no key " + key + " (spec.auth.key)");
    }
    known.put(group, password);
    return new Auth(name, key, password, null);
  }

  /**
   * The sentinels' admin password ({@code NAME-sentinel-admin}, always generated), by the same rules.
   *
   * @param mounted whether the group's pods may run with it already (the StatefulSet's template mounts it): a group
   *     made before this Secret existed gets one made without a problem
   */
  static Auth resolveAdmin(RedisFailoverGroup group, GroupNames names, KubernetesClient client,
      Stream<Secret> owned, boolean mounted, KnownPasswords known) {
    return generated(group, names.sentinelAdminSecret(), "the sentinels' admin password", names, client, owned,
        mounted, known);
  }

  private static Auth generated(RedisFailoverGroup group, String name, String what, GroupNames names,
      KubernetesClient client, Stream<Secret> owned, boolean running, KnownPasswords known) {
    String key = GeneratedSecretDependent.KEY;
    Secret secret = owned.filter(s -> name.equals(s.getMetadata().getName())).findFirst()
        .orElseGet(() -> get(client, names, name));
    if (secret == null) {
      String inUse = running ? known.get(group) : null;
      if (running && inUse == null) {
        return new Auth(name, key, null, "Secret " + name + " (" + what + ") was deleted and the "
            + "password the pods run with is not known to this operator: no new one was generated, it would lock "
            + "them out; restore the Secret with the password in use (key " + key + ")");
      }
      // its dependent creates it: with the password in use, or a new one for a group without pods
      return new Auth(name, key, inUse, null, inUse != null);
    }
    if (!GeneratedSecretDependent.madeFor(secret, names)) {
      return new Auth(name, key, null, "Secret " + name + " was not made by RFG for this group (it lacks the labels "
          + GroupLabels.GROUP + "=" + names.group() + " and " + GroupLabels.MANAGED_SELECTOR + "): it is left alone; "
          + "name it in spec.auth.secretName to use it, or remove it to have a password generated");
    }
    String password = password(secret, key);
    if (password == null || password.isEmpty()) {
      return new Auth(name, key, null, "Secret " + name + " has no password under key " + key + " (emptied?): the "
          + "pods keep the one they run with; restore it");
    }
    known.put(group, password);
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
