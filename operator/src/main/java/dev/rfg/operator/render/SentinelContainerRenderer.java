package dev.rfg.operator.render;

import dev.rfg.api.v1alpha1.RedisFailoverGroup;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;

import java.util.List;

/**
 * The sentinel sidecar, as a native sidecar (an init container with restartPolicy Always): it starts first,
 * decides Redis's role and writes the runtime include, and only when its startup probe passes does Redis
 * start. So a Redis never starts as master on its own.
 */
public final class SentinelContainerRenderer {

  public static final String NAME = "sentinel";
  public static final int HTTP_PORT = 8080;
  public static final String STATE_DIR = "/var/lib/rfg-sentinel";
  public static final String AUTH_DIR = "/etc/rfg-auth";
  public static final String AUTH_FILE = AUTH_DIR + "/password";
  /** The sentinels' admin password (NAME-sentinel-admin): in this container alone. */
  public static final String ADMIN_DIR = "/etc/rfg-sentinel-admin";
  /** One password file per application user (spec.auth.users), when there are any. */
  public static final String USERS_DIR = "/etc/rfg-users";

  private SentinelContainerRenderer() {
  }

  public static Container render(RedisFailoverGroup group, GroupNames names, String image) {
    var sentinel = group.getSpec().getSentinel();
    return new ContainerBuilder()
        .withName(NAME)
        .withImage(sentinel.getImage() != null ? sentinel.getImage() : image)
        .withImagePullPolicy(group.getSpec().getRedis().getImagePullPolicy().name())
        .withRestartPolicy("Always")
        .withArgs("--kubernetes")
        .withEnv(env(names))
        .addNewPort().withName("sentinel").withContainerPort(SentinelSettingsRenderer.SENTINEL_PORT).endPort()
        .addNewPort().withName("http-sentinel").withContainerPort(HTTP_PORT).endPort()
        .withStartupProbe(http("/startup", 1, 300))
        .withReadinessProbe(http("/readyz", 5, 3))
        .withLivenessProbe(http("/livez", 10, 6))
        .withResources(sentinel.getResources())
        .withSecurityContext(PodSecurity.restrictedContainer())
        .addNewVolumeMount().withName(PodVolumes.CONFIG).withMountPath(RedisConfRenderer.CONFIG_DIR)
            .withReadOnly(true).endVolumeMount()
        .addNewVolumeMount().withName(PodVolumes.RUNTIME).withMountPath(RedisConfRenderer.RUNTIME_DIR)
            .endVolumeMount()
        .addNewVolumeMount().withName(PodVolumes.AUTH).withMountPath(AUTH_DIR).withReadOnly(true).endVolumeMount()
        .addNewVolumeMount().withName(PodVolumes.SENTINEL_ADMIN).withMountPath(ADMIN_DIR).withReadOnly(true)
            .endVolumeMount()
        .addAllToVolumeMounts(PodVolumes.aclUsersMount(group, USERS_DIR).stream().toList())
        .addToVolumeMounts(PodVolumes.sentinelStateMount(group, STATE_DIR))
        .addNewVolumeMount().withName(PodVolumes.TMP).withMountPath("/tmp").endVolumeMount()
        .addToVolumeMounts(PodVolumes.apiAccessMount())
        .build();
  }

  private static List<EnvVar> env(GroupNames names) {
    return List.of(
        fieldRef("POD_NAME", "metadata.name"),
        fieldRef("POD_NAMESPACE", "metadata.namespace"),
        new EnvVarBuilder().withName("RFG_GROUP").withValue(names.group()).build(),
        new EnvVarBuilder().withName("RFG_SETTINGS").withValue(RedisConfRenderer.CONFIG_DIR + "/"
            + SentinelSettingsRenderer.SENTINEL_PROPERTIES).build(),
        new EnvVarBuilder().withName("RFG_PASSWORD_FILE").withValue(AUTH_FILE).build(),
        new EnvVarBuilder().withName("RFG_ADMIN_PASSWORD_FILE").withValue(ADMIN_DIR + "/password").build(),
        new EnvVarBuilder().withName("RFG_USERS_DIR").withValue(USERS_DIR).build(),
        new EnvVarBuilder().withName("RFG_STATE_DIR").withValue(STATE_DIR).build(),
        new EnvVarBuilder().withName("RFG_RUNTIME_CONF").withValue(RedisConfRenderer.RUNTIME_CONF).build(),
        new EnvVarBuilder().withName("RFG_ANNOUNCE_HOST").withValue(names.podHostTemplate()).build());
  }

  /**
   * With the apiVersion the API server would default: without it the applied StatefulSet never matches the one
   * read back, and every reconcile re-applies it (found by e2e/bin/bench-operator-scale).
   */
  static EnvVar fieldRef(String name, String path) {
    return new EnvVarBuilder().withName(name).withNewValueFrom().withNewFieldRef().withApiVersion("v1")
        .withFieldPath(path).endFieldRef().endValueFrom().build();
  }

  static Probe http(String path, int periodSeconds, int failureThreshold) {
    return new ProbeBuilder().withNewHttpGet().withPath(path).withPort(new IntOrString(HTTP_PORT)).endHttpGet()
        .withPeriodSeconds(periodSeconds).withFailureThreshold(failureThreshold).withTimeoutSeconds(2).build();
  }
}
