package dev.rfg.operator;

import dev.rfg.api.v1alpha1.RedisFailoverGroup;
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

  @Test
  void generatedSecretIsReadFromTheCacheWithoutARequest() {
    RedisFailoverGroup group = Groups.minimal();
    GroupNames names = GroupNames.of(group, "cluster.local");
    int before = server.getRequestCount();

    var auth = AuthResolver.resolve(group, names, client,
        Stream.of(secret("other", "x"), secret(names.generatedAuthSecret(), "from-cache")));

    assertThat(auth.password()).isEqualTo("from-cache");
    assertThat(auth.problem()).isNull();
    assertThat(server.getRequestCount()).as("requests to the API server").isEqualTo(before);
  }

  @Test
  void generatedSecretNotCachedYetIsReadByName() {
    RedisFailoverGroup group = Groups.minimal();
    GroupNames names = GroupNames.of(group, "cluster.local");
    client.resource(secret(names.generatedAuthSecret(), "from-api")).inNamespace("shop").create();

    var auth = AuthResolver.resolve(group, names, client, Stream.empty());

    assertThat(auth.password()).isEqualTo("from-api");
    client.resource(secret(names.generatedAuthSecret(), "")).inNamespace("shop").delete();
  }

  @Test
  void namedSecretIsAlwaysReadFromTheApiServer() {
    RedisFailoverGroup group = Groups.fromYaml("auth: {secretName: mine}");
    GroupNames names = GroupNames.of(group, "cluster.local");
    client.resource(secret("mine", "current")).inNamespace("shop").create();

    // An owned Secret of the same name in the cache does not stand in for the one the user named.
    var auth = AuthResolver.resolve(group, names, client, Stream.of(secret("mine", "stale")));

    assertThat(auth.password()).isEqualTo("current");
    client.resource(secret("mine", "")).inNamespace("shop").delete();
  }

  @Test
  void missingNamedSecretIsAProblemNotAnError() {
    RedisFailoverGroup group = Groups.fromYaml("auth: {secretName: absent}");

    var auth = AuthResolver.resolve(group, GroupNames.of(group, "cluster.local"), client, Stream.empty());

    assertThat(auth.password()).isNull();
    assertThat(auth.problem()).isEqualTo("Secret absent named in spec.auth.secretName does not exist");
  }

  private static Secret secret(String name, String password) {
    return new SecretBuilder().withNewMetadata().withName(name).withNamespace("shop").endMetadata()
        .addToStringData("password", password).build();
  }
}
