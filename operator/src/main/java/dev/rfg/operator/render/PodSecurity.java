package dev.rfg.operator.render;

import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;

/** Defaults that pass the "restricted" Pod Security Standard. */
public final class PodSecurity {

  /** The redis user of the official image and of ours. */
  public static final long REDIS_UID = 999;

  private PodSecurity() {
  }

  public static PodSecurityContext defaultPod() {
    return new PodSecurityContextBuilder()
        .withRunAsNonRoot(true).withRunAsUser(REDIS_UID).withRunAsGroup(REDIS_UID).withFsGroup(REDIS_UID)
        .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
        .build();
  }

  public static SecurityContext restrictedContainer() {
    return new SecurityContextBuilder()
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withNewCapabilities().withDrop("ALL").endCapabilities()
        .build();
  }
}
