package dev.rfg.operator.render;

import dev.rfg.api.v1alpha1.RedisFailoverGroup;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;

/**
 * The redis-server container. Its readiness asks the sidecar, which knows what Redis alone cannot tell a
 * probe: that a replica has finished its sync and follows the master the sentinels elected.
 */
public final class RedisContainerRenderer {

  public static final String NAME = "redis";

  private RedisContainerRenderer() {
  }

  public static Container render(RedisFailoverGroup group, GroupNames names) {
    var redis = group.getSpec().getRedis();
    return new ContainerBuilder()
        .withName(NAME)
        .withImage(redis.getImage())
        .withImagePullPolicy(redis.getImagePullPolicy().name())
        .withCommand("redis-server")
        // Kubernetes expands $(POD_NAME): the replica announces its DNS name, never its pod IP.
        .withArgs(RedisConfRenderer.CONFIG_DIR + "/" + RedisConfRenderer.REDIS_CONF,
            "--replica-announce-ip", names.podHostTemplate())
        .addToEnv(SentinelContainerRenderer.fieldRef("POD_NAME", "metadata.name"))
        .addNewPort().withName("redis").withContainerPort(RedisConfRenderer.REDIS_PORT).endPort()
        .withReadinessProbe(SentinelContainerRenderer.http("/readyz/redis", 2, 2))
        // Loading a large dataset can take long; only a Redis that stops accepting connections is restarted.
        .withNewLivenessProbe().withNewTcpSocket().withPort(new IntOrString(RedisConfRenderer.REDIS_PORT))
            .endTcpSocket().withPeriodSeconds(10).withFailureThreshold(6).withTimeoutSeconds(5).endLivenessProbe()
        // A terminating master hands its role to a replica before Redis gets its SIGTERM (PreStopHandover in the
        // sidecar); the budget leaves a third of the grace period for Redis's own shutdown.
        .withNewLifecycle().withNewPreStop().withNewHttpGet()
            .withPath("/prestop?budget-seconds=" + handoverBudgetSeconds(group))
            .withPort(new IntOrString(SentinelContainerRenderer.HTTP_PORT)).endHttpGet().endPreStop().endLifecycle()
        .withResources(redis.getResources())
        .withSecurityContext(PodSecurity.restrictedContainer())
        .addNewVolumeMount().withName(PodVolumes.DATA).withMountPath(RedisConfRenderer.DATA_DIR).endVolumeMount()
        .addNewVolumeMount().withName(PodVolumes.CONFIG).withMountPath(RedisConfRenderer.CONFIG_DIR)
            .withReadOnly(true).endVolumeMount()
        .addNewVolumeMount().withName(PodVolumes.RUNTIME).withMountPath(RedisConfRenderer.RUNTIME_DIR)
            .withReadOnly(true).endVolumeMount()
        .build();
  }

  /** Two thirds of the termination grace period, at least one second. */
  static int handoverBudgetSeconds(RedisFailoverGroup group) {
    return Math.max(1, group.getSpec().getPod().getTerminationGracePeriodSeconds() * 2 / 3);
  }
}
