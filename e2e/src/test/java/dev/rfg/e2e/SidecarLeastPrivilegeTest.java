package dev.rfg.e2e;

import dev.rfg.e2e.support.Cluster;
import dev.rfg.e2e.support.FailoverGroup;
import dev.rfg.e2e.support.GroupFixture;
import dev.rfg.e2e.support.RfgInstall;
import dev.rfg.e2e.support.Tools;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a stolen API token could do, tried with the real one. Only the sentinel container mounts a token (the redis
 * container has none to steal); the sidecar's ServiceAccount may patch only its own group's pods, and the chart's
 * ValidatingAdmissionPolicy refuses any change by it other than the role label and its epoch annotation. The
 * group's password finds the master on the sentinel port but cannot change or stop failover: that takes the
 * sentinels' admin user, whose password only the sentinel container holds.
 */
@Tag("cluster")
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class SidecarLeastPrivilegeTest {

  private static final String TOKEN = "/var/run/secrets/kubernetes.io/serviceaccount/token";
  private static GroupFixture fixture;
  private static FailoverGroup group;
  private static Cluster cluster;
  private static String ns;
  private static String sidecar;

  @BeforeAll
  static void start() {
    fixture = GroupFixture.start("rfg-privilege", "cache", 5000);
    group = fixture.group();
    cluster = group.cluster();
    ns = group.namespace();
    sidecar = "system:serviceaccount:" + ns + ":cache-sentinel";
  }

  @AfterAll
  static void cleanUp() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void onlyTheSentinelContainerHoldsAToken() {
    for (String pod : group.podNames()) {
      Tools.Result redis = exec(pod, "redis", "cat " + TOKEN);
      assertThat(redis.exitCode()).as("reading a token in %s's redis container: %s", pod, redis.output())
          .isNotZero();
      assertThat(redis.stdout()).isEmpty();
      Tools.Result sentinel = exec(pod, "sentinel", "cat " + TOKEN);
      assertThat(sentinel.exitCode()).as("the sentinel container's token: %s", sentinel.stderr()).isZero();
      assertThat(sentinel.stdout()).startsWith("eyJ");
    }
  }

  @Test
  void theSidecarMayChangeOnlyItsGroupsPods() {
    assertThat(canI("patch", "pods/cache-0")).isTrue();
    assertThat(canI("get", "pods/cache-2")).isTrue();
    assertThat(canI("list", "pods")).isTrue();
    assertThat(canI("patch", "pods/redis-client")).as("another application's pod").isFalse();
    assertThat(canI("patch", "pods/other-0")).as("another group's pod").isFalse();
    assertThat(canI("patch", "pods/cache-3")).as("a pod beyond the group's size").isFalse();
    assertThat(canI("update", "pods/cache-0")).isFalse();
    assertThat(canI("delete", "pods/cache-0")).isFalse();
    assertThat(canI("create", "pods")).isFalse();
    assertThat(canI("create", "pods/exec")).isFalse();
    assertThat(canI("watch", "pods")).isFalse();
    assertThat(canI("get", "secrets")).isFalse();
    assertThat(canI("get", "configmaps/other-config")).isFalse();
    assertThat(canI("get", "configmaps/cache-config")).isTrue();
    assertThat(canI("patch", "events")).isFalse();
  }

  @Test
  void aStolenSidecarTokenCannotChangeAnImageOrAnotherLabel() {
    String replica = group.podNames().stream().filter(p -> !p.equals(group.statusMaster())).findFirst()
        .orElseThrow();
    Pod before = group.pod(replica);
    String token = exec(replica, "sentinel", "cat " + TOKEN).orFail("reading the sidecar's token").stdout().trim();
    try (KubernetesClient stolen = withToken(token)) {
      var pod = stolen.pods().inNamespace(ns).withName(replica);
      // What the sidecar itself sends, as a no-op: the token works and the policy lets it through.
      pod.patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"rfg.dev/role\":\""
          + before.getMetadata().getLabels().get("rfg.dev/role") + "\"}}}");

      String newImage = "{\"spec\":{\"containers\":[{\"name\":\"redis\",\"image\":\"busybox:latest\"}]}}";
      assertThatThrownBy(() -> pod.patch(PatchContext.of(PatchType.STRATEGIC_MERGE), newImage))
          .isInstanceOf(KubernetesClientException.class)
          .hasMessageContaining("may not change a pod's spec");
      assertThatThrownBy(() -> pod.patch(PatchContext.of(PatchType.JSON_MERGE),
          "{\"metadata\":{\"labels\":{\"rfg.dev/group\":\"elsewhere\"}}}"))
          .isInstanceOf(KubernetesClientException.class)
          .hasMessageContaining("may change only the rfg.dev/role label");
      assertThatThrownBy(() -> pod.patch(PatchContext.of(PatchType.JSON_MERGE),
          "{\"metadata\":{\"annotations\":{\"rfg.dev/switchover\":\"now\"}}}"))
          .isInstanceOf(KubernetesClientException.class)
          .hasMessageContaining("may change only the rfg.dev/role-epoch annotation");
      assertThatThrownBy(() -> stolen.pods().inNamespace(ns).withName("redis-client")
          .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"rfg.dev/role\":\"master\"}}}"))
          .isInstanceOf(KubernetesClientException.class)
          .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(403));
    }
    Pod after = group.pod(replica);
    assertThat(after.getSpec().getContainers().get(0).getImage())
        .isEqualTo(before.getSpec().getContainers().get(0).getImage());
    assertThat(after.getMetadata().getLabels()).isEqualTo(before.getMetadata().getLabels());
    assertThat(cluster.client().pods().inNamespace(ns).withName("redis-client").get().getMetadata().getLabels())
        .doesNotContainKey("rfg.dev/role");
  }

  @Test
  void theGroupsPasswordCannotAdministerTheSentinels() {
    String master = group.awaitReady(java.time.Duration.ofMinutes(3));
    var client = fixture.client();
    String sentinels = group.name() + "-sentinel";
    for (String admin : java.util.List.of("SENTINEL SET cache quorum 1", "SENTINEL REMOVE cache",
        "SENTINEL SET cache down-after-milliseconds 100", "SENTINEL FAILOVER cache", "SENTINEL RESET cache")) {
      String reply = client.sh("redis-cli -h " + sentinels + " -p 26379 " + admin + " 2>&1; true");
      assertThat(reply).as("%s with the group's password", admin).contains("NOPERM");
    }
    assertThat(client.cliRaw("-h", sentinels, "-p", "26379", "SENTINEL", "GET-MASTER-ADDR-BY-NAME", "cache"))
        .as("discovery with the group's password").startsWith(group.fqdn(master));
    for (String pod : group.podNames()) {
      assertThat(client.adminCliRaw("-h", group.fqdn(pod), "-p", "26379", "ACL", "WHOAMI")).isEqualTo("rfg-admin");
      assertThat(client.adminCliRaw("-h", group.fqdn(pod), "-p", "26379", "SENTINEL", "MASTER", "cache"))
          .as("the quorum is unchanged on %s", pod).contains("quorum\n2");
      Tools.Result redis = exec(pod, "redis", "cat /etc/rfg-sentinel-admin/password");
      assertThat(redis.exitCode()).as("the admin password from %s's redis container: %s", pod, redis.output())
          .isNotZero();
      assertThat(redis.stdout()).isEmpty();
    }
  }

  /**
   * An application user declared in the spec: its rules hold on the master, and it finds the master through the
   * sentinels with its own password, nothing more there. Last: adding the user rolls the pods (its Secret is a new
   * volume).
   */
  @Test
  @org.junit.jupiter.api.Order(100)
  void anApplicationUsersRulesHoldThroughTheServicesAndTheSentinels() {
    group.awaitReady(java.time.Duration.ofMinutes(3));
    cluster.client().secrets().inNamespace(ns).resource(new io.fabric8.kubernetes.api.model.SecretBuilder()
        .withNewMetadata().withName("app-redis").addToAnnotations("rfg.dev/allowed-groups", "cache").endMetadata()
        .addToStringData("password", "app-s3cret").build())
        .create();
    cluster.client().resources(dev.rfg.api.v1alpha1.RedisFailoverGroup.class).inNamespace(ns).withName("cache")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"auth\":{\"users\":[{\"name\":\"app\","
            + "\"rules\":\"~app:* +@read +@write -@dangerous\",\"passwordSecret\":{\"name\":\"app-redis\"}}]}}}");
    org.awaitility.Awaitility.await("the pods rolled with the user's Secret, the group Ready")
        .atMost(java.time.Duration.ofMinutes(6)).pollInterval(java.time.Duration.ofSeconds(3)).ignoreExceptions()
        .untilAsserted(() -> {
          assertThat(group.pods()).hasSize(3).allSatisfy(p -> assertThat(p.getSpec().getVolumes())
              .anySatisfy(v -> assertThat(v.getName()).isEqualTo("acl-users")));
          group.assertSettled();
        });
    var client = fixture.client();
    String asApp = "REDISCLI_AUTH=app-s3cret redis-cli --user app ";
    org.awaitility.Awaitility.await("user app on the master").atMost(java.time.Duration.ofSeconds(30))
        .pollInterval(java.time.Duration.ofSeconds(1)).untilAsserted(() -> assertThat(client.sh(asApp + "-h "
            + group.masterService() + " SET app:1 v 2>&1")).isEqualTo("OK"));
    assertThat(client.sh(asApp + "-h " + group.masterService() + " SET other v 2>&1")).contains("NOPERM");
    assertThat(client.sh(asApp + "-h " + group.masterService() + " FLUSHALL 2>&1")).contains("NOPERM");
    String master = group.masterLabelled().get(0);
    assertThat(client.sh(asApp + "-h cache-sentinel -p 26379 SENTINEL GET-MASTER-ADDR-BY-NAME cache 2>&1"))
        .startsWith(group.fqdn(master));
    assertThat(client.sh(asApp + "-h cache-sentinel -p 26379 SENTINEL SET cache quorum 1 2>&1")).contains("NOPERM");
  }

  private static Tools.Result exec(String pod, String container, String script) {
    return RfgInstall.kubectl(cluster, "exec", "-n", ns, pod, "-c", container, "--", "sh", "-c", script);
  }

  private static boolean canI(String verb, String resource) {
    Tools.Result r = RfgInstall.kubectl(cluster, "auth", "can-i", verb, resource, "-n", ns, "--as", sidecar);
    assertThat(r.stdout().trim()).as("kubectl auth can-i %s %s: %s", verb, resource, r.output()).isIn("yes", "no");
    return r.stdout().trim().equals("yes");
  }

  /** Config.empty(): nothing of the admin's kubeconfig (its client certificate) may come along. */
  private static KubernetesClient withToken(String token) {
    var admin = cluster.client().getConfiguration();
    return new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
        .withMasterUrl(admin.getMasterUrl()).withCaCertData(admin.getCaCertData()).withCaCertFile(admin.getCaCertFile())
        .withOauthToken(token).withRequestRetryBackoffLimit(0).build()).build();
  }
}
