package dev.rfg.operator.render;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;

import java.util.Collection;
import java.util.Map;

/**
 * Defaults that pass the "restricted" Pod Security Standard. A group's {@code spec.pod.securityContext} is laid over
 * the pod defaults field by field: setting fsGroup keeps the seccomp profile and non-root.
 */
public final class PodSecurity {

  /** The redis user of the official image and of ours. */
  public static final long REDIS_UID = 999;
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {
  };

  private PodSecurity() {
  }

  public static PodSecurityContext defaultPod() {
    return new PodSecurityContextBuilder()
        .withRunAsNonRoot(true).withRunAsUser(REDIS_UID).withRunAsGroup(REDIS_UID).withFsGroup(REDIS_UID)
        .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
        .build();
  }

  /** The defaults, with every field the user set taken from {@code override} (null: the defaults alone). */
  public static PodSecurityContext pod(PodSecurityContext override) {
    if (override == null) {
      return defaultPod();
    }
    Map<String, Object> merged = MAPPER.convertValue(defaultPod(), FIELDS);
    MAPPER.convertValue(override, FIELDS).forEach((field, value) -> {
      if (!isUnset(value)) {
        merged.put(field, value);
      }
    });
    return MAPPER.convertValue(merged, PodSecurityContext.class);
  }

  /** fabric8 models start their lists empty: an empty list is a field the user did not set. */
  private static boolean isUnset(Object value) {
    return value == null || value instanceof Collection<?> c && c.isEmpty()
        || value instanceof Map<?, ?> m && m.isEmpty();
  }

  public static SecurityContext restrictedContainer() {
    return new SecurityContextBuilder()
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withNewCapabilities().withDrop("ALL").endCapabilities()
        .build();
  }
}
