package dev.rfg.operator.render;

import dev.rfg.api.v1alpha1.RedisFailoverGroup;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The pod's volumes: where data, configuration, the password and the sentinel's state live. */
public final class PodVolumes {

  public static final String DATA = "data";
  public static final String CONFIG = "config";
  public static final String RUNTIME = "runtime";
  public static final String AUTH = "auth";
  /** The applications' ACL users' passwords, one file per user: the sentinel container only. */
  public static final String ACL_USERS = "acl-users";
  /** The sentinels' admin password: mounted into the sentinel container only. */
  public static final String SENTINEL_ADMIN = "sentinel-admin";
  public static final String TMP = "tmp";
  public static final String SENTINEL_STATE = "sentinel-state";
  public static final String API_ACCESS = "kube-api-access";
  /** Where in-cluster clients look for the token, the CA and the namespace; the sidecar too (KubeApi.SA_DIR). */
  public static final String API_ACCESS_DIR = "/var/run/secrets/kubernetes.io/serviceaccount";
  /** The kubelet refreshes a projected token at 80% of its life; an hour, as the kubelet's own default volume. */
  static final long API_TOKEN_SECONDS = 3607;

  private PodVolumes() {
  }

  static boolean persistent(RedisFailoverGroup group) {
    return Boolean.TRUE.equals(group.getSpec().getRedis().getPersistence().getEnabled());
  }

  /**
   * @param redisConfigMap the immutable ConfigMap of this template's redis.conf ({@code RedisConfigMaps}); the
   *     sentinels' settings come from {@code NAME-config}, which changes in place and is followed live
   */
  public static List<Volume> render(RedisFailoverGroup group, GroupNames names, String authSecretName,
      String authKey, String redisConfigMap) {
    List<Volume> volumes = new ArrayList<>();
    volumes.add(new VolumeBuilder().withName(CONFIG).withNewProjected().withDefaultMode(0444)
        .addNewSource().withNewConfigMap().withName(redisConfigMap).addNewItem().withKey(RedisConfRenderer.REDIS_CONF)
            .withPath(RedisConfRenderer.REDIS_CONF).endItem().endConfigMap().endSource()
        .addNewSource().withNewConfigMap().withName(names.configMap()).addNewItem()
            .withKey(SentinelSettingsRenderer.SENTINEL_PROPERTIES)
            .withPath(SentinelSettingsRenderer.SENTINEL_PROPERTIES)
            .endItem().endConfigMap().endSource()
        .endProjected().build());
    // Memory-backed: the runtime include holds the password, which must never reach a disk.
    volumes.add(new VolumeBuilder().withName(RUNTIME).withNewEmptyDir().withMedium("Memory")
        .withSizeLimit(new Quantity("1Mi")).endEmptyDir().build());
    volumes.add(new VolumeBuilder().withName(AUTH).withNewSecret().withSecretName(authSecretName)
        .addNewItem().withKey(authKey).withPath("password").endItem().withDefaultMode(0440).endSecret().build());
    volumes.add(new VolumeBuilder().withName(SENTINEL_ADMIN).withNewSecret().withSecretName(names.sentinelAdminSecret())
        .addNewItem().withKey("password").withPath("password").endItem().withDefaultMode(0440).endSecret().build());
    aclUsers(group).ifPresent(volumes::add);
    volumes.add(apiAccess());
    volumes.add(new VolumeBuilder().withName(TMP).withNewEmptyDir().withSizeLimit(new Quantity("64Mi"))
        .endEmptyDir().build());
    if (!persistent(group)) {
      volumes.add(new VolumeBuilder().withName(DATA).withNewEmptyDir().endEmptyDir().build());
      // An emptyDir outlives container restarts: a restarted sentinel keeps its epochs and votes.
      volumes.add(new VolumeBuilder().withName(SENTINEL_STATE).withNewEmptyDir().withSizeLimit(new Quantity("1Mi"))
          .endEmptyDir().build());
    }
    return volumes;
  }

  /**
   * The API token, its CA and the namespace, as the kubelet's automatic volume would hold them. The pod turns the
   * automatic one off, so this volume is mounted into the sentinel container alone: Redis, or anything running in
   * its container, has no token to act with.
   */
  static Volume apiAccess() {
    return new VolumeBuilder().withName(API_ACCESS).withNewProjected().withDefaultMode(0444)
        .addNewSource().withNewServiceAccountToken().withPath("token").withExpirationSeconds(API_TOKEN_SECONDS)
            .endServiceAccountToken().endSource()
        .addNewSource().withNewConfigMap().withName("kube-root-ca.crt").addNewItem().withKey("ca.crt")
            .withPath("ca.crt").endItem().endConfigMap().endSource()
        // apiVersion as the API server defaults it: otherwise every reconcile would see a difference and re-apply.
        .addNewSource().withNewDownwardAPI().addNewItem().withPath("namespace").withNewFieldRef()
            .withApiVersion("v1").withFieldPath("metadata.namespace").endFieldRef().endItem().endDownwardAPI()
            .endSource()
        .endProjected().build();
  }

  /**
   * Each user's password as a file named after the user, from its Secret. Optional sources: a missing Secret must
   * never keep a pod from starting (the operator reports it; the sidecar leaves that user as it runs).
   */
  static Optional<Volume> aclUsers(RedisFailoverGroup group) {
    var auth = group.getSpec().getAuth();
    if (auth == null || auth.getUsers() == null || auth.getUsers().isEmpty()) {
      return Optional.empty();
    }
    var projected = new io.fabric8.kubernetes.api.model.ProjectedVolumeSourceBuilder().withDefaultMode(0440);
    java.util.Map<String, java.util.List<io.fabric8.kubernetes.api.model.KeyToPath>> bySecret =
        new java.util.LinkedHashMap<>();
    for (var user : auth.getUsers()) {
      bySecret.computeIfAbsent(user.getPasswordSecret().getName(), n -> new ArrayList<>())
          .add(new io.fabric8.kubernetes.api.model.KeyToPath(user.getPasswordSecret().getKey(), null, user.getName()));
    }
    bySecret.forEach((secret, items) -> projected.addNewSource().withNewSecret().withName(secret).withOptional(true)
        .withItems(items).endSecret().endSource());
    return Optional.of(new VolumeBuilder().withName(ACL_USERS).withProjected(projected.build()).build());
  }

  static Optional<VolumeMount> aclUsersMount(RedisFailoverGroup group, String path) {
    return aclUsers(group).map(v -> new VolumeMountBuilder().withName(ACL_USERS).withMountPath(path)
        .withReadOnly(true).build());
  }

  /** Whether pods of this template may run with the sentinels' admin password (they mount its Secret). */
  public static boolean mountsSentinelAdmin(io.fabric8.kubernetes.api.model.PodSpec spec, GroupNames names) {
    return spec != null && spec.getVolumes() != null && spec.getVolumes().stream().anyMatch(v -> v.getSecret() != null
        && names.sentinelAdminSecret().equals(v.getSecret().getSecretName()));
  }

  /** The ConfigMaps a pod's volumes name (to know which redis.conf revisions are still in use). */
  public static java.util.Set<String> configMapsOf(io.fabric8.kubernetes.api.model.Pod pod) {
    java.util.Set<String> out = new java.util.HashSet<>();
    if (pod.getSpec() == null || pod.getSpec().getVolumes() == null) {
      return out;
    }
    for (Volume v : pod.getSpec().getVolumes()) {
      if (v.getConfigMap() != null) {
        out.add(v.getConfigMap().getName());
      }
      if (v.getProjected() != null && v.getProjected().getSources() != null) {
        v.getProjected().getSources().stream().filter(s -> s.getConfigMap() != null)
            .forEach(s -> out.add(s.getConfigMap().getName()));
      }
    }
    return out;
  }

  static VolumeMount apiAccessMount() {
    return new VolumeMountBuilder().withName(API_ACCESS).withMountPath(API_ACCESS_DIR).withReadOnly(true).build();
  }

  /** With persistence the sentinel's state sits on the pod's claim, beside the data, and survives the pod. */
  static VolumeMount sentinelStateMount(RedisFailoverGroup group, String path) {
    return persistent(group)
        ? new VolumeMountBuilder().withName(DATA).withMountPath(path).withSubPath("rfg-sentinel").build()
        : new VolumeMountBuilder().withName(SENTINEL_STATE).withMountPath(path).build();
  }

  public static Optional<PersistentVolumeClaim> claimTemplate(RedisFailoverGroup group) {
    if (!persistent(group)) {
      return Optional.empty();
    }
    var persistence = group.getSpec().getRedis().getPersistence();
    return Optional.of(new PersistentVolumeClaimBuilder()
        .withNewMetadata().withName(DATA).withLabels(GroupLabels.common(group.getMetadata().getName()))
        .endMetadata()
        .withNewSpec().withAccessModes("ReadWriteOnce").withStorageClassName(persistence.getStorageClassName())
        .withNewResources().addToRequests("storage", persistence.getSize()).endResources().endSpec()
        .build());
  }
}
