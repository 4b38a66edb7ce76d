package dev.rfg.api.v1alpha1;

import dev.rfg.testing.RealApiServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The committed CRD installed in a real kube-apiserver: every rule refuses its bad spec with its message. */
class CelRulesOnApiServerTest {

  private static final String NS = "cel";
  private static RealApiServer apiServer;
  private static KubernetesClient client;

  @BeforeAll
  static void installCrd() {
    apiServer = RealApiServer.start();
    client = apiServer.client();
    apiServer.installCrd(GeneratedCrd.text(GeneratedCrd.COMMITTED));
    client.resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).serverSideApply();
  }

  @AfterAll
  static void stop() {
    if (apiServer != null) {
      apiServer.close();
    }
  }

  /** Untyped, so values the Java types could not even hold reach the API server. */
  private static GenericKubernetesResource group(String name, String specYaml) {
    String yaml = "apiVersion: rfg.dev/v1alpha1\nkind: RedisFailoverGroup\n"
        + "metadata: {name: " + name + ", namespace: " + NS + "}\nspec:\n" + specYaml.indent(2);
    return client.getKubernetesSerialization().unmarshal(yaml, GenericKubernetesResource.class);
  }

  private static RedisFailoverGroup typed(String name, String specYaml) {
    return client.getKubernetesSerialization().convertValue(group(name, specYaml), RedisFailoverGroup.class);
  }

  static Stream<Arguments> badSpecs() {
    return Stream.of(
        bad("replicas 2", "{replicas: 2}", "replicas must be 1 (no failover) or at least 3: with co-located "
            + "sentinels, 2 pods cannot keep a majority after losing one"),
        bad("quorum above replicas", "{replicas: 3, sentinel: {quorum: 4}}",
            "sentinel.quorum must not exceed replicas"),
        bad("quorum zero", "{sentinel: {quorum: 0}}", "should be greater than or equal to 1"),
        bad("owned redis.config key", "{redis: {config: {maxmemory: 1gb, replicaof: 'x 6379'}}}",
            "redis.config may not set replicaof: the operator owns this directive"),
        bad("another owned key", "{redis: {config: {requirepass: secret}}}",
            "redis.config may not set requirepass: the operator owns this directive"),
        bad("redis.config key in capitals", "{redis: {config: {Port: '7000'}}}",
            "redis.config keys must be redis.conf directive names"),
        bad("redis.config value on two lines", "{redis: {config: {maxmemory: \"1gb\\nreplicaof x 6379\"}}}",
            "spec.redis.config.maxmemory: Invalid value"),
        bad("min replicas to write too high", "{redis: {minReplicasToWrite: 3}}",
            "redis.minReplicasToWrite must be less than replicas"),
        bad("down-after too small", "{sentinel: {downAfterMilliseconds: 50}}",
            "should be greater than or equal to 100"),
        bad("failover timeout too short",
            "{sentinel: {downAfterMilliseconds: 20000, failoverTimeoutMilliseconds: 10000}}",
            "sentinel.failoverTimeoutMilliseconds must be at least downAfterMilliseconds"),
        bad("operator label", "{pod: {labels: {rfg.dev/role: master}}}",
            "pod.labels may not use the rfg.dev/ prefix"),
        bad("operator annotation", "{pod: {annotations: {rfg.dev/x: y}}}",
            "pod.annotations may not use the rfg.dev/ prefix"),
        bad("root without runAsNonRoot false", "{pod: {securityContext: {runAsUser: 0}}}",
            "pod.securityContext.runAsUser 0 (root) contradicts the default runAsNonRoot: true"),
        bad("a Redis older than supported", "{redis: {image: 'registry.local:5000/library/redis:6.2.14-alpine'}}",
            "redis.image: Redis before 7.0 is not supported"),
        bad("unknown pull policy", "{redis: {imagePullPolicy: Sometimes}}", "Unsupported value: \"Sometimes\""),
        bad("a key without a secret name", "{auth: {key: pw}}", "spec.auth.key names a key of the Secret in "
            + "spec.auth.secretName; the generated Secret's key is always 'password'"),
        bad("a negative password grace", "{auth: {previousPasswordGraceSeconds: -1}}",
            "spec.auth.previousPasswordGraceSeconds: Invalid value: -1"),
        bad("an ACL user named default", "{auth: {users: [{name: default, rules: '+@all', passwordSecret: {name: s}}]}}",
            "'default' is the group's password and names starting with 'rfg-' are RFG's own users"),
        bad("an ACL user named like RFG's", "{auth: {users: [{name: rfg-admin, rules: '+@all', "
            + "passwordSecret: {name: s}}]}}", "names starting with 'rfg-' are RFG's own users"),
        bad("an ACL user's password in its rules", "{auth: {users: [{name: app, rules: '~app:* >hunter2 +get', "
            + "passwordSecret: {name: s}}]}}", "spec.auth.users[].rules must not set passwords"),
        bad("an ACL user made passwordless", "{auth: {users: [{name: app, rules: '+get NoPass', "
            + "passwordSecret: {name: s}}]}}", "must not use nopass, resetpass, reset or off"),
        bad("an ACL user twice", "{auth: {users: [{name: app, rules: '+get', passwordSecret: {name: s}}, "
            + "{name: app, rules: '+set', passwordSecret: {name: s}}]}}", "spec.auth.users: each name once"),
        bad("an ACL user without a Secret", "{auth: {users: [{name: app, rules: '+get'}]}}",
            "spec.auth.users[0].passwordSecret: Required value"),
        bad("a network policy client that is everybody", "{networkPolicy: {enabled: true, clients: "
            + "[{podSelector: {matchLabels: {app: web}}}, {}]}}", "each networkPolicy.clients entry needs a "
            + "podSelector, a namespaceSelector or an ipBlock; an empty entry would admit everybody"),
        bad("a network policy scraper that is everybody", "{networkPolicy: {metricsScrapers: [{}]}}",
            "each networkPolicy.metricsScrapers entry needs a podSelector"));
  }

  private static Arguments bad(String rule, String spec, String message) {
    return Arguments.of(rule, spec, message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badSpecs")
  void badSpecsAreRefusedWithTheirMessage(String rule, String spec, String message) {
    var e = catchThrowableOfType(KubernetesClientException.class,
        () -> client.resource(group("bad-" + rule.replaceAll("[^a-z0-9]+", "-"), spec)).create());
    assertThat(e).as("the API server accepted a bad spec").isNotNull();
    assertThat(e.getCode()).isEqualTo(422);
    assertThat(e.getMessage()).contains(message);
  }

  @Test
  void defaultsAreFilledInByTheApiServer() {
    var created = client.resource(typed("defaults", "{}")).create();
    assertThat(created.getSpec().getReplicas()).isEqualTo(3);
    assertThat(created.getSpec().getRedis().getImage()).isEqualTo(RedisSpec.DEFAULT_IMAGE);
    assertThat(created.getSpec().getSentinel().getDownAfterMilliseconds()).isEqualTo(5000);
    assertThat(created.getSpec().getRedis().getPersistence().getEnabled()).isFalse();
    assertThat(created.getSpec().getPodDisruptionBudget().getEnabled()).isTrue();
    assertThat(created.getSpec().getNetworkPolicy().getEnabled()).isFalse();
    var graceOnly = client.resource(typed("grace-only", "{auth: {previousPasswordGraceSeconds: 60}}")).create();
    assertThat(graceOnly.getSpec().getAuth().getSecretName()).as("the generated Secret").isNull();
    assertThat(graceOnly.getSpec().getAuth().getKey()).isEqualTo("password");
    assertThat(graceOnly.getSpec().getAuth().getPreviousPasswordGraceSeconds()).isEqualTo(60);
  }

  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"redis:7.0.15", "redis:8", "valkey/valkey:8.1.1",
      "registry.local:5000/redis:7.2.5-alpine", "redis-stack:6.2.6-v9", "example.com/redis6:1", "redis@sha256:00"})
  void serverImagesOfSupportedLinesOrUnknownOnesAreAccepted(String image) {
    String name = "image-" + image.replaceAll("[^a-z0-9]+", "-");
    assertThat(client.resource(typed(name, "{redis: {image: '" + image + "'}}")).create().getSpec().getRedis()
        .getImage()).isEqualTo(image);
  }

  @Test
  void aValidFullSpecIsAccepted() {
    var full = client.getKubernetesSerialization().unmarshal(
        getClass().getResourceAsStream("/full-group.yaml"), RedisFailoverGroup.class);
    full.getMetadata().setNamespace(NS);
    assertThat(client.resource(full).create().getSpec().getReplicas()).isEqualTo(5);
  }

  @Test
  void persistenceShapeCannotChange() {
    client.resource(typed("persistent", "{redis: {persistence: {enabled: true, storageClassName: fast}}}")).create();
    assertThat(update("persistent", g -> {
      g.getSpec().getRedis().getPersistence().setStorageClassName("slow");
      return g;
    })).contains("redis.persistence.storageClassName cannot be changed once set");
    assertThat(update("persistent", g -> {
      g.getSpec().getRedis().getPersistence().setEnabled(false);
      return g;
    })).contains("redis.persistence.enabled cannot be changed on an existing group");
  }

  @Test
  void scaleSubresourceScalesTheSpecWithinTheRules() {
    client.resource(typed("scaled", "{}")).create();
    client.resources(RedisFailoverGroup.class).inNamespace(NS).withName("scaled").scale(5);
    assertThat(client.resources(RedisFailoverGroup.class).inNamespace(NS).withName("scaled").get()
        .getSpec().getReplicas()).isEqualTo(5);
    var e = catchThrowableOfType(KubernetesClientException.class,
        () -> client.resources(RedisFailoverGroup.class).inNamespace(NS).withName("scaled").scale(2));
    assertThat(e).isNotNull();
    assertThat(e.getMessage()).contains("replicas must be 1 (no failover) or at least 3");
  }

  @Test
  void kubectlScaleAndGetShowTheGroup() throws Exception {
    client.resource(typed("kubectl", "{}")).create();
    var kubeconfig = java.nio.file.Files.createTempFile("rfg-api", ".kubeconfig");
    java.nio.file.Files.writeString(kubeconfig, apiServer.kubeconfig());
    String kubectl = RealApiServer.binaries().resolve("kubectl").toString();
    assertThat(run(kubectl, "--kubeconfig", kubeconfig.toString(), "-n", NS, "scale", "rfg/kubectl", "--replicas=5"))
        .contains("scaled");
    assertThat(client.resources(RedisFailoverGroup.class).inNamespace(NS).withName("kubectl").get()
        .getSpec().getReplicas()).isEqualTo(5);
    assertThat(run(kubectl, "--kubeconfig", kubeconfig.toString(), "-n", NS, "get", "rfg", "kubectl").lines()
        .findFirst().orElseThrow()).matches("NAME\\s+MASTER\\s+READY\\s+SENTINELS\\s+PHASE\\s+AGE\\s*");
    // -o wide adds the configuration epoch and the last failover.
    var withStatus = client.resources(RedisFailoverGroup.class).inNamespace(NS).withName("kubectl").get();
    var status = new RedisFailoverGroupStatus();
    status.setConfigEpoch(7L);
    status.setLastFailoverTime(java.time.Instant.now().minusSeconds(120).toString());
    withStatus.setStatus(status);
    client.resource(withStatus).updateStatus();
    String wide = run(kubectl, "--kubeconfig", kubeconfig.toString(), "-n", NS, "get", "rfg", "kubectl", "-o", "wide");
    assertThat(wide.lines().findFirst().orElseThrow())
        .matches("NAME\\s+MASTER\\s+READY\\s+SENTINELS\\s+PHASE\\s+AGE\\s+EPOCH\\s+LAST-FAILOVER\\s*");
    assertThat(wide.lines().skip(1).findFirst().orElseThrow()).matches("kubectl\\s+.*\\s7\\s+2m\\d*s?\\s*");
    java.nio.file.Files.delete(kubeconfig);
  }

  private static String run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(out).isZero();
    return out;
  }

  private static String update(String name, UnaryOperator<RedisFailoverGroup> change) {
    var e = catchThrowableOfType(KubernetesClientException.class,
        () -> client.resources(RedisFailoverGroup.class).inNamespace(NS).withName(name).edit(change));
    assertThat(e).as("the API server accepted a forbidden change").isNotNull();
    return e.getMessage();
  }
}
