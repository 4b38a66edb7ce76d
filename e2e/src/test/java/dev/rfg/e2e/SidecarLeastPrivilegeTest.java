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
 * ValidatingAdmissionPolicy refuses any change by it other than the role label and its epoch annotation.
 */
@Tag("cluster")
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
