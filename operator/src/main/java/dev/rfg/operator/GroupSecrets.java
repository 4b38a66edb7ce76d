package dev.rfg.operator;

import dev.rfg.api.v1alpha1.RedisFailoverGroup;
import dev.rfg.operator.events.GroupEvents;
import dev.rfg.operator.render.GroupNames;
import dev.rfg.operator.render.PodVolumes;
import dev.rfg.operator.status.Passwords;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The Secrets a group runs with, as one reconcile sees them: the group's password, the sentinels' admin password,
 * and whether every application user has one. {@link #problem} stops the workflow (nothing running is touched);
 * a missing application user's Secret does not (a condition and an event only).
 */
record GroupSecrets(AuthResolver.Auth auth, AuthResolver.Auth admin, AclUserSecrets users) {

  /** The passwords this operator remembers across reconciles, one store per kind of Secret. */
  static final class Memory {
    final KnownPasswords data = new KnownPasswords();
    final KnownPasswords admin = new KnownPasswords();
  }

  static GroupSecrets resolve(RedisFailoverGroup group, GroupNames names, KubernetesClient client,
      Supplier<Stream<Secret>> owned, Optional<StatefulSet> statefulSet, Memory memory) {
    var auth = AuthResolver.resolve(group, names, client, owned.get(), statefulSet.isPresent(), memory.data);
    boolean mountsAdmin = statefulSet
        .map(s -> PodVolumes.mountsSentinelAdmin(s.getSpec().getTemplate().getSpec(), names)).orElse(false);
    var admin = AuthResolver.resolveAdmin(group, names, client, owned.get(), mountsAdmin, memory.admin);
    return new GroupSecrets(auth, admin, AclUserSecrets.check(group, client));
  }

  /** What keeps the workflow from running, or null. */
  String problem() {
    return auth.problem() != null ? auth.problem() : admin.problem() != null ? admin.problem() : users.refused();
  }

  /** What condition AclUsersReady reports, or null. */
  String usersProblem() {
    return users.problem();
  }

  Passwords passwords(Memory memory, RedisFailoverGroup group) {
    return new Passwords(auth.password(), memory.data.previous(group)).withAdmin(admin.password());
  }

  /** An Event for each generated Secret made again, and one when an application user's Secret goes missing. */
  void announce(RedisFailoverGroup group, String previousMessage, GroupEvents events) {
    for (var restored : List.of(auth, admin)) {
      if (restored.restored()) {
        events.warning(group, "AuthSecretRestored", "Secret " + restored.secretName() + " was deleted; it is made "
            + "again with the password the pods run with");
      }
    }
    if (users.missing() != null && !String.valueOf(previousMessage).contains(users.missing())) {
      events.warning(group, "AclUserSecretMissing", users.missing() + "; those users keep running as they are");
    }
  }
}
