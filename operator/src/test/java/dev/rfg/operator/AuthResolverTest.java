package dev.rfg.operator;

import dev.rfg.api.v1alpha1.RedisFailoverGroup;
import dev.rfg.operator.render.GroupLabels;
import dev.rfg.operator.render.GroupNames;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Where the password comes from: the generated Secret from the informer's cache, a named one from the API. */
@EnableKubernetesMockClient(crud = true)
class AuthResolverTest {

  static KubernetesClient client;
  static KubernetesMockServer server;
  private final KnownPasswords known = new KnownPasswords();

  @Test
  void generatedSecretIsReadFromTheCacheWithoutARequest() {
    RedisFailoverGroup group = Groups.minimal();
    GroupNames names = GroupNames.of(group, "cluster.local");
    int before = server.getRequestCount();

    var auth = AuthResolver.resolve(group, names, client,
        Stream.of(secret("other", "x"), secret(names.generatedAuthSecret(), "from-cache")), true, known);

    assertThat(auth.password()).isEqualTo("from-cache");
    assertThat(auth.problem()).isNull();
    assertThat(server.getRequestCount()).as("requests to the API server").isEqualTo(before);
  }

  @Test
  void generatedSecretNotCachedYetIsReadByName() {
    RedisFailoverGroup group = Groups.minimal();
    GroupNames names = GroupNames.of(group, "cluster.local");
    client.resource(secret(names.generatedAuthSecret(), "from-api")).inNamespace("shop").create();

    var auth = AuthResolver.resolve(group, names, client, Stream.empty(), false, known);

    assertThat(auth.password()).isEqualTo("from-api");
    client.resource(secret(names.generatedAuthSecret(), "")).inNamespace("shop").delete();
  }

  @Test
  void namedSecretIsAlwaysReadFromTheApiServer() {
    RedisFailoverGroup group = Groups.fromYaml("auth: {secretName: mine}");
    GroupNames names = GroupNames.of(group, "cluster.local");
    client.resource(secret("mine", "current")).inNamespace("shop").create();

    // An owned Secret of the same name in the cache does not stand in for the one the user named.
    var auth = AuthResolver.resolve(group, names, client, Stream.of(secret("mine", "stale")), true, known);

    assertThat(auth.password()).isEqualTo("current");
    client.resource(secret("mine", "")).inNamespace("shop").delete();
  }

  @Test
  void missingNamedSecretIsAProblemNotAnError() {
    RedisFailoverGroup group = Groups.fromYaml("auth: {secretName: absent}");

    var auth = AuthResolver.resolve(group, GroupNames.of(group, "cluster.local"), client, Stream.empty(), false,
        known);

    assertThat(auth.password()).isNull();
    assertThat(auth.problem()).isEqualTo("Secret absent named in spec.auth.secretName does not exist");
  }

  /** The outage this guards against: a new random password while the pods run with the old one. */
  @Test
  void aDeletedGeneratedSecretIsMadeAgainWithThePasswordInUse() {
    RedisFailoverGroup group = Groups.minimal();
    GroupNames names = GroupNames.of(group, "cluster.local");
    AuthResolver.resolve(group, names, client, Stream.of(secret(names.generatedAuthSecret(), "in-use")), true, known);

    var auth = AuthResolver.resolve(group, names, client, Stream.empty(), true, known);

    assertThat(auth.problem()).isNull();
    assertThat(auth.password()).as("what AuthSecretDependent writes into the new Secret").isEqualTo("in-use");
    assertThat(auth.restored()).as("worth an event").isTrue();
  }

  @Test
  void aNamedSecretThatDoesNotLetTheGroupMountItIsAProblem() {
    RedisFailoverGroup group = Groups.fromYaml("auth: {secretName: theirs}");
    GroupNames names = GroupNames.of(group, "cluster.local");
    client.resource(new SecretBuilder().withNewMetadata().withName("theirs").withNamespace("shop").endMetadata()
        .addToStringData("password", "not-yours").build()).inNamespace("shop").create();

    var auth = AuthResolver.resolve(group, names, client, Stream.empty(), true, known);

    assertThat(auth.password()).isNull();
    assertThat(auth.problem()).isEqualTo("Secret theirs (spec.auth.secretName) does not let group cache mount it: "
        + "annotate it rfg.dev/allowed-groups=cache (or '*')");
    client.secrets().inNamespace("shop").withName("theirs").edit(s -> {
      s.getMetadata().setAnnotations(java.util.Map.of(GroupLabels.ALLOWED_GROUPS, "*"));
      return s;
    });
    assertThat(AuthResolver.resolve(group, names, client, Stream.empty(), true, known).password())
        .isEqualTo("not-yours");
    client.secrets().inNamespace("shop").withName("theirs").delete();
  }

  @Test
  void theSentinelsAdminSecretIsMadeForAGroupWhosePodsDoNotMountItAndNeverReplacedForOneWhosePodsDo() {
    RedisFailoverGroup group = Groups.minimal();
    GroupNames names = GroupNames.of(group, "cluster.local");

    var upgraded = AuthResolver.resolveAdmin(group, names, client, Stream.empty(), false, known);
    assertThat(upgraded.problem()).as("pods made before the Secret existed").isNull();
    assertThat(upgraded.secretName()).isEqualTo("cache-sentinel-admin");

    var lost = AuthResolver.resolveAdmin(group, names, client, Stream.empty(), true, known);
    assertThat(lost.problem()).contains("Secret cache-sentinel-admin (the sentinels' admin password) was deleted",
        "no new one was generated");

    known.put(group, "adm");
    var restored = AuthResolver.resolveAdmin(group, names, client, Stream.empty(), true, known);
    assertThat(restored.password()).isEqualTo("adm");
    assertThat(restored.restored()).isTrue();
    assertThat(AuthResolver.resolveAdmin(group, names, client, Stream.of(secret("cache-sentinel-admin", "a2")), true,
        known).password()).isEqualTo("a2");
  }

  @Test
  void aDeletedGeneratedSecretWhosePasswordIsUnknownIsAProblem() {
    RedisFailoverGroup group = Groups.minimal();

    var auth = AuthResolver.resolve(group, GroupNames.of(group, "cluster.local"), client, Stream.empty(), true,
        known);

    assertThat(auth.password()).isNull();
    assertThat(auth.problem()).contains("Secret cache-auth (the group's generated password) was deleted",
        "no new one was generated");
    assertThat(AuthResolver.resolve(group, GroupNames.of(group, "cluster.local"), client, Stream.empty(), false,
        known).problem()).as("a group without pods yet gets a new password").isNull();
  }

  @Test
  void anEmptiedGeneratedSecretIsAProblem() {
    RedisFailoverGroup group = Groups.minimal();
    GroupNames names = GroupNames.of(group, "cluster.local");

    var auth = AuthResolver.resolve(group, names, client, Stream.of(secret(names.generatedAuthSecret(), "")), true,
        known);

    assertThat(auth.password()).isNull();
    assertThat(auth.problem()).contains("has no password under key password");
  }

  /** The confused deputy: someone else's Secret of the generated name is neither used nor adopted. */
  @Test
  void aSecretOfTheGeneratedNameThatRfgDidNotMakeIsLeftAlone() {
    RedisFailoverGroup group = Groups.minimal();
    GroupNames names = GroupNames.of(group, "cluster.local");
    Secret foreign = new SecretBuilder().withNewMetadata().withName(names.generatedAuthSecret())
        .withNamespace("shop").addToLabels("app", "billing").endMetadata().addToStringData("password", "theirs")
        .build();
    client.resource(foreign).inNamespace("shop").create();

    var auth = AuthResolver.resolve(group, names, client, Stream.empty(), false, known);

    assertThat(auth.password()).isNull();
    assertThat(auth.problem()).contains("Secret cache-auth was not made by RFG for this group",
        "name it in spec.auth.secretName to use it");
    client.resource(foreign).inNamespace("shop").delete();
  }

  private static Secret secret(String name, String password) {
    return new SecretBuilder().withNewMetadata().withName(name).withNamespace("shop")
        .withLabels(GroupLabels.common("cache")).addToAnnotations(GroupLabels.ALLOWED_GROUPS, "other, cache")
        .endMetadata().addToStringData("password", password).build();
  }
}
