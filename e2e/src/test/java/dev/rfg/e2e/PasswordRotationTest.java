package dev.rfg.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rfg.api.v1alpha1.ConditionTypes;
import dev.rfg.e2e.support.FailoverGroup;
import dev.rfg.e2e.support.GroupFixture;
import dev.rfg.e2e.support.RfgInstall;
import dev.rfg.e2e.support.Sentinels;
import dev.rfg.e2e.support.Workload;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue #13, item 2: the password in the group's Secret changes (a planned rotation) while writers run through the
 * master Service (with {@code WAIT 1}) and through the sentinels. The kubelets update the pods' files one by one
 * within a minute or so; every Redis and sentinel accepts old and new until all accept the new one, then, after
 * {@code spec.auth.previousPasswordGraceSeconds}, refuses the old one. Nothing restarts, nothing fails over, no
 * acknowledged write is lost. It used to be an outage: every pod turned NotReady within about a minute.
 */
@Tag("cluster")
class PasswordRotationTest {

  private static final String NAME = "PasswordRotationTest";
  private static final int RATE = 50;
  private static final String WAIT = "service-wait";
  private static final int GRACE_SECONDS = 15;
  private static final String CHECKER = "password-checker";

  private static GroupFixture fixture;
  private static FailoverGroup group;

  @BeforeAll
  static void start() {
    fixture = GroupFixture.start("rfg-password-rotation", "rot", 5000);
    group = fixture.group();
  }

  @AfterAll
  static void cleanUp() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void aNewPasswordReachesTheRunningGroupWithNoRestartNoFailoverAndNoLoss() {
    KubernetesClient k8s = group.cluster().client();
    String ns = group.namespace();
    RfgInstall.kubectl(group.cluster(), "patch", "rfg", group.name(), "-n", ns, "--type", "merge", "-p",
        "{\"spec\":{\"auth\":{\"previousPasswordGraceSeconds\":" + GRACE_SECONDS + "}}}").orFail("kubectl patch");
    String old = group.password();
    String fresh = "rotated-" + Long.toHexString(System.nanoTime()) + "-pw";
    startChecker(k8s, ns, old, fresh);
    String master = group.awaitReady(Duration.ofMinutes(3));
    Sentinels sentinels = new Sentinels(group);
    long epoch = sentinels.configEpoch();
    int restarts = group.containerRestarts();
    for (String pod : group.podNames()) {
      assertThat(answers(pod, "old")).as("%s before", pod).isEqualTo("PONG PONG");
      assertThat(answers(pod, "new")).as("%s before", pod).doesNotContain("PONG");
    }

    try (Workload workload = Workload.start(group, RATE, Workload.serviceWithWait(1000), Workload.SENTINEL)) {
      workload.awaitAllAcking(Duration.ofSeconds(60));
      long t0 = System.currentTimeMillis();
      k8s.secrets().inNamespace(ns).withName(group.resource().getStatus().getAuthSecretName())
          .edit(s -> new SecretBuilder(s).withData(null).addToStringData("password", fresh).build());

      AtomicBoolean rotationShown = new AtomicBoolean();
      AtomicBoolean allReady = new AtomicBoolean(true);
      await("every pod's Redis and sentinel take only the new password").atMost(Duration.ofMinutes(5))
          .pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            rotationShown.compareAndSet(false, rotationCondition().equals("True"));
            if (!group.pods().stream().allMatch(FailoverGroup::isReady)) {
              allReady.set(false);
            }
            for (String pod : group.podNames()) {
              assertThat(answers(pod, "new")).as("%s with the new password (redis, sentinel)", pod)
                  .isEqualTo("PONG PONG");
              assertThat(answers(pod, "old")).as("%s with the old password", pod).doesNotContain("PONG");
            }
          });
      System.out.printf("[%s] old password refused everywhere %d s after the Secret changed%n", NAME,
          (System.currentTimeMillis() - t0) / 1000);
      workload.awaitAllAcking(Duration.ofSeconds(30));
      JsonNode report = workload.stop();
      JsonNode verify = workload.verify();
      System.out.printf("[%s] clients (%d writes/s each):%n%s%n", NAME, RATE,
          Workload.prefixed(NAME, Workload.summary(report, verify)));

      JsonNode waited = Workload.writer(verify, WAIT);
      assertThat(waited.get("lost").asLong()).as("writes acknowledged by WAIT 1 and lost: %s", waited).isZero();
      assertThat(allReady).as("every pod stayed Ready").isTrue();
      assertThat(rotationShown).as("status showed the rotation (%s)", ConditionTypes.PASSWORD_ROTATION).isTrue();
    }
    assertThat(rotationCondition()).isEqualTo("False");
    assertThat(group.containerRestarts()).as("container restarts").isEqualTo(restarts);
    assertThat(sentinels.configEpochs().values()).as("no failover (config epoch %d)", epoch).containsOnly(epoch);
    assertThat(group.masterEndpoints()).containsExactly(master);
    for (String reason : List.of("PasswordRotationStarted", "PasswordRotationSwitched", "PasswordRotationFinished")) {
      assertThat(sentinels.events(reason)).as("%s events, one per pod", reason).isEqualTo(3);
    }
    for (String pod : group.podNames()) {
      assertThat(sentinels.log(pod, false)).doesNotContain(fresh).doesNotContain(old);
    }
    group.assertSettled();
  }

  /**
   * A pod with the old and the new password in files of Secrets of its own (they never change, so they are there
   * at once), asking each group pod's Redis and sentinel for a PING with one of them.
   */
  private static void startChecker(KubernetesClient k8s, String ns, String old, String fresh) {
    for (String which : List.of("old", "new")) {
      k8s.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("pw-" + which)
          .endMetadata().addToStringData("password", which.equals("old") ? old : fresh).build()).create();
    }
    k8s.pods().inNamespace(ns).resource(new PodBuilder()
        .withNewMetadata().withName(CHECKER).endMetadata()
        .withNewSpec().withRestartPolicy("Never").withTerminationGracePeriodSeconds(0L)
        .withNewSecurityContext().withRunAsNonRoot(true).withRunAsUser(999L).withRunAsGroup(999L)
            .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().endSecurityContext()
        .addNewContainer().withName("cli").withImage(group.resource().getSpec().getRedis().getImage())
            .withImagePullPolicy("IfNotPresent").withCommand("sleep", "3600")
            .withNewSecurityContext().withAllowPrivilegeEscalation(false).withNewCapabilities().withDrop("ALL")
                .endCapabilities().endSecurityContext()
            .addNewVolumeMount().withName("old").withMountPath("/pw/old").endVolumeMount()
            .addNewVolumeMount().withName("new").withMountPath("/pw/new").endVolumeMount()
        .endContainer()
        .addNewVolume().withName("old").withNewSecret().withSecretName("pw-old").endSecret().endVolume()
        .addNewVolume().withName("new").withNewSecret().withSecretName("pw-new").endSecret().endVolume()
        .endSpec().build()).create();
    k8s.pods().inNamespace(ns).withName(CHECKER).waitUntilReady(2, TimeUnit.MINUTES);
  }

  /** "PONG PONG" when the pod's Redis and its sentinel both take the password; their errors otherwise. */
  private static String answers(String pod, String which) {
    String host = group.fqdn(pod);
    String script = "export REDISCLI_AUTH=\"$(cat /pw/" + which + "/password)\"; for p in 6379 26379; do "
        + "timeout 5 redis-cli --no-auth-warning -h " + host + " -p $p PING 2>&1 | head -1 | tr -d '\\n'; "
        + "echo -n ' '; done";
    return RfgInstall.kubectl(group.cluster(), "exec", "-n", group.namespace(), CHECKER, "--", "sh", "-c", script)
        .orFail("redis-cli in the checker").stdout().trim();
  }

  private static String rotationCondition() {
    var status = group.resource().getStatus();
    return status == null || status.getConditions() == null ? "" : status.getConditions().stream()
        .filter(c -> c.getType().equals(ConditionTypes.PASSWORD_ROTATION)).map(c -> c.getStatus())
        .findFirst().orElse("");
  }
}
