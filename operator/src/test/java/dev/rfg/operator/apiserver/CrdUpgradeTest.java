package dev.rfg.operator.apiserver;

import dev.rfg.api.CrdRelease;
import dev.rfg.operator.runtime.CrdUpgrade;
import dev.rfg.testing.RealApiServer;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator brings the cluster's CRD up to its own at start, as a {@code helm upgrade} from a release whose CRD
 * Helm installed (and never upgrades) needs, and leaves a newer release's CRD alone. On a real API server.
 */
class CrdUpgradeTest {

  private static RealApiServer apiServer;
  private static KubernetesClient client;

  @BeforeAll
  static void start() {
    apiServer = RealApiServer.start();
    client = apiServer.client();
  }

  @AfterAll
  static void stop() {
    if (apiServer != null) {
      apiServer.close();
    }
  }

  @Test
  void anOlderCrdIsReplacedByOursAndANewerOneIsKept() {
    // Release 0.1.0's CRD as Helm's first install created it: no release annotation; and, to see the schema
    // change, without the Master printer column.
    CustomResourceDefinition older = CrdUpgrade.ours(client);
    older.getMetadata().setAnnotations(null);
    older.getSpec().getVersions().get(0).getAdditionalPrinterColumns().removeIf(c -> c.getName().equals("Master"));
    client.resource(older).create();

    assertThat(CrdUpgrade.run(client)).isEqualTo(CrdUpgrade.Decision.APPLY);
    CustomResourceDefinition now = installed();
    String ours = CrdRelease.of(CrdUpgrade.ours(client));
    assertThat(CrdRelease.of(now)).isEqualTo(ours);
    assertThat(now.getSpec().getVersions().get(0).getAdditionalPrinterColumns())
        .extracting(c -> c.getName()).contains("Master");
    assertThat(now.getMetadata().getManagedFields()).extracting(f -> f.getManager()).contains(CrdUpgrade.FIELD_MANAGER);

    // A rollback to this release finds a newer release's CRD: it stays as it is.
    CustomResourceDefinition newer = installed();
    newer.getMetadata().getAnnotations().put(CrdRelease.ANNOTATION, "99.0.0");
    newer.getSpec().getVersions().get(0).getAdditionalPrinterColumns().removeIf(c -> c.getName().equals("Master"));
    newer.getMetadata().setManagedFields(null);
    client.resource(newer).update();
    String versionBefore = installed().getMetadata().getResourceVersion();

    assertThat(CrdUpgrade.run(client)).isEqualTo(CrdUpgrade.Decision.KEEP_NEWER);
    assertThat(CrdRelease.of(installed())).isEqualTo("99.0.0");
    assertThat(installed().getMetadata().getResourceVersion()).isEqualTo(versionBefore);
  }

  @Test
  void decisions() {
    assertThat(CrdUpgrade.decide(null, "0.2.0")).isEqualTo(CrdUpgrade.Decision.APPLY);
    assertThat(CrdUpgrade.decide("0.2.0", "0.2.0")).isEqualTo(CrdUpgrade.Decision.APPLY);
    assertThat(CrdUpgrade.decide("0.1.9", "0.2.0")).isEqualTo(CrdUpgrade.Decision.APPLY);
    assertThat(CrdUpgrade.decide("0.3.0", "0.2.0")).isEqualTo(CrdUpgrade.Decision.KEEP_NEWER);
  }

  private static CustomResourceDefinition installed() {
    return client.apiextensions().v1().customResourceDefinitions().withName("redisfailovergroups.rfg.dev").get();
  }
}
