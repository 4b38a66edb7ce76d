package dev.rfg.operator.runtime;

import dev.rfg.api.CrdRelease;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Brings the cluster's RedisFailoverGroup CRD up to the one this operator was built with, once at start and before
 * any informer runs. Helm installs a chart's {@code crds/} on the first install only and never upgrades it, so
 * without this a {@code helm upgrade} would run a new operator against the previous release's schema, and the API
 * server would prune every new field from specs and status.
 *
 * <p>A CRD of a newer release is left alone: after a rollback to this release it is a superset of ours, and
 * applying ours would take its new fields away. A failure (no rights, no API server) is logged and the operator goes
 * on with the CRD it finds: groups keep being reconciled, as they were before this existed.
 */
public final class CrdUpgrade {

  private static final Logger LOG = LoggerFactory.getLogger(CrdUpgrade.class);
  /** The field manager of the applied CRD: {@code kubectl get crd -o yaml --show-managed-fields} names it. */
  public static final String FIELD_MANAGER = "rfg-operator";

  /** What start-up does with the cluster's CRD. */
  public enum Decision { APPLY, KEEP_NEWER }

  private CrdUpgrade() {
  }

  /** Ours is applied unless the installed CRD names a newer release; one without a release predates 0.2.0. */
  public static Decision decide(String installedRelease, String ourRelease) {
    return installedRelease != null && CrdRelease.compare(installedRelease, ourRelease) > 0
        ? Decision.KEEP_NEWER : Decision.APPLY;
  }

  /** The CRD this operator was built with (the crds module's, on the class path). */
  public static CustomResourceDefinition ours(KubernetesClient client) {
    try (InputStream in = CrdUpgrade.class.getResourceAsStream(CrdRelease.RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(CrdRelease.RESOURCE + " is not on the class path");
      }
      return client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Applies our CRD where {@link #decide} says so; returns what was decided, or null when it failed. */
  public static Decision run(KubernetesClient client) {
    CustomResourceDefinition ours = ours(client);
    String ourRelease = CrdRelease.of(ours);
    String name = ours.getMetadata().getName();
    try {
      var installed = client.apiextensions().v1().customResourceDefinitions().withName(name).get();
      String installedRelease = installed == null ? null : CrdRelease.of(installed);
      Decision decision = decide(installedRelease, ourRelease);
      if (decision == Decision.KEEP_NEWER) {
        LOG.warn("CRD {} belongs to release {}, newer than this operator's {}: left as it is", name,
            installedRelease, ourRelease);
        return decision;
      }
      // Server-side apply, forced: the fields Helm's first install (or a kubectl apply) owns move to this manager.
      client.resource(ours).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
      LOG.info("CRD {}: release {} applied (was {})", name, ourRelease,
          installed == null ? "not installed" : installedRelease == null ? "a release before 0.2.0" : installedRelease);
      return decision;
    } catch (KubernetesClientException e) {
      LOG.error("CRD {} could not be brought to release {} ({}): reconciling with the CRD as it is. Apply "
          + "crds/redisfailovergroups.rfg.dev-v1.yml of this release with kubectl apply --server-side, or give the "
          + "operator get and patch on this CRD (the chart's crds.upgrade)", name, ourRelease,
          e.getMessage());
      return null;
    }
  }
}
