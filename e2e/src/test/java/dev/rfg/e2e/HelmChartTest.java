package dev.rfg.e2e;

import dev.rfg.e2e.support.Tools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** helm lint and helm template on the chart; no cluster needed. */
class HelmChartTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @BeforeAll
  static void helmIsThere() {
    String missing = "no helm on the PATH or in ~/.cache/rfg/bin: run e2e/cluster/cluster.sh tools";
    if (Tools.binary("helm") == null) {
      if (Boolean.getBoolean("rfg.apiserver.required")) {
        throw new AssertionError(missing);
      }
      org.junit.jupiter.api.Assumptions.abort(missing);
    }
  }

  private static String template(String... sets) {
    return templating(sets).orFail("helm template").stdout();
  }

  /** helm template for a cluster of the local cluster's version (the chart's kubeVersion refuses helm's default). */
  private static Tools.Result templating(String... sets) {
    var argv = new java.util.ArrayList<>(java.util.List.of("helm", "template", "rfg", "helm/rfg-operator",
        "--namespace", "rfg-system", "--kube-version", Tools.KUBE_VERSION));
    for (String set : sets) {
      argv.add("--set");
      argv.add(set);
    }
    return Tools.run(TIMEOUT, Map.of(), argv.toArray(String[]::new));
  }

  @Test
  void chartLints() {
    assertThat(Tools.run(TIMEOUT, Map.of(), "helm", "lint", "--strict", "helm/rfg-operator").orFail("helm lint")
        .output()).contains("0 chart(s) failed");
  }

  @Test
  void defaultsRenderTheOperatorWithLeastPrivilege() {
    String out = template();
    assertThat(out).contains("kind: Deployment", "kind: ClusterRole", "kind: ClusterRoleBinding",
        "kind: ServiceAccount", "name: rfg-rfg-operator-leader-election", "image: rfg/operator:0.2.0",
        "value: \"rfg/sentinel:0.2.0\"", "name: RFG_LEADER_ELECTION\n              value: \"true\"",
        "readOnlyRootFilesystem: true", "runAsNonRoot: true");
    assertThat(out).doesNotContain("'*'", "\"*\"", "kind: ServiceMonitor");
    assertThat(out).as("a user's Secrets are only read").contains("resources: [secrets]\n    verbs: [get, list, watch, create, patch]");
    assertThat(out).as("spec.networkPolicy: made, changed, deleted when turned off")
        .contains("resources: [networkpolicies]\n    verbs: [list, watch, create, patch, delete]");
    assertThat(out).as("what a group's NetworkPolicy admits as the operator: its own pods' labels").contains(
        "name: RFG_OPERATOR_POD_LABELS\n              value: \"app.kubernetes.io/name=rfg-operator,"
            + "app.kubernetes.io/instance=rfg\"");
  }

  @Test
  void valuesReachTheDeployment() {
    String out = template("watchNamespaces={team-a,team-b}", "leaderElection.enabled=false",
        "metrics.serviceMonitor.enabled=true", "image.tag=dev", "logLevel=debug", "reconcileThreads=4");
    assertThat(out).contains("value: \"team-a,team-b\"", "image: rfg/operator:dev", "kind: ServiceMonitor",
        "value: \"debug\"", "name: RFG_RECONCILE_THREADS\n              value: \"4\"");
    assertThat(out).doesNotContain("leader-election");
  }

  /**
   * With watchNamespaces the operator gets Roles in those namespaces and nothing cluster-wide but get and patch on
   * its own CRD, which crds.upgrade=false takes away too.
   */
  @Test
  void watchNamespacesInstallsRolesOnly() {
    String out = template("watchNamespaces={team-a,team-b}");
    assertThat(out.lines().filter(l -> l.equals("kind: ClusterRole")).count()).isEqualTo(1);
    assertThat(out).contains("kind: ClusterRole\nmetadata:\n  name: rfg-rfg-operator-crd\n",
        "resourceNames: [redisfailovergroups.rfg.dev]\n    verbs: [get, patch]",
        "name: RFG_CRD_UPGRADE\n              value: \"true\"");
    assertThat(template("watchNamespaces={team-a,team-b}", "crds.upgrade=false"))
        .doesNotContain("kind: ClusterRole").contains("name: RFG_CRD_UPGRADE\n              value: \"false\"");
    // team-a, team-b and the leader-election Role
    assertThat(out.lines().filter(l -> l.equals("kind: Role")).count()).isEqualTo(3);
    assertThat(out).contains("kind: Role\nmetadata:\n  name: rfg-rfg-operator\n  namespace: team-a",
        "kind: Role\nmetadata:\n  name: rfg-rfg-operator\n  namespace: team-b");
    assertThat(out).as("the sidecar admission policy binds in those namespaces only")
        .contains("values: [\"team-a\",\"team-b\"]");
  }

  /** The policy that keeps a sidecar's token to the role label and epoch annotation ships by default. */
  @Test
  void theSidecarAdmissionPolicyIsOnByDefault() {
    assertThat(template()).contains("kind: ValidatingAdmissionPolicy\n", "kind: ValidatingAdmissionPolicyBinding",
        "validationActions: [Deny]", "failurePolicy: Fail");
    assertThat(template("sidecarAdmissionPolicy.enabled=false")).doesNotContain("ValidatingAdmissionPolicy");
  }

  @Test
  void theSchemaRefusesBadValues() {
    var result = templating("logLevel=loud");
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.output()).contains("logLevel");
    var noThreads = templating("reconcileThreads=0");
    assertThat(noThreads.exitCode()).isNotZero();
    assertThat(noThreads.output()).contains("reconcileThreads");
  }

  @Test
  void theChartRefusesClustersWithoutNativeSidecarsAndSeveralReplicasWithoutLeaderElection() {
    var old = Tools.run(TIMEOUT, Map.of(), "helm", "template", "rfg", "helm/rfg-operator", "--kube-version",
        "1.28.9");
    assertThat(old.exitCode()).isNotZero();
    assertThat(old.output()).contains("chart requires kubeVersion: >=1.29.0-0");
    var twoLeaders = templating("replicaCount=2", "leaderElection.enabled=false");
    assertThat(twoLeaders.exitCode()).isNotZero();
    assertThat(twoLeaders.output()).contains("replicaCount 2 needs leaderElection.enabled=true");
    assertThat(template("replicaCount=2")).contains("replicas: 2");
  }

  @Test
  void theChartCarriesTheGeneratedCrd() {
    assertThat(template()).doesNotContain("CustomResourceDefinition");
    assertThat(Tools.ROOT.resolve("helm/rfg-operator/crds/redisfailovergroups.rfg.dev-v1.yml")).exists();
  }
  @Test
  void monitoringObjectsAreOffByDefaultAndEachCanBeTurnedOn() throws Exception {
    assertThat(template()).doesNotContain("kind: PodMonitor", "kind: PrometheusRule", "rfg-rfg-operator-dashboard");
    String all = template("metrics.podMonitor.enabled=true", "metrics.prometheusRule.enabled=true",
        "metrics.dashboard.enabled=true");
    assertThat(all).contains("kind: PodMonitor", "port: http-sentinel", "targetLabel: rfg_group", "any: true",
        "kind: PrometheusRule", "alert: RedisGroupNoMaster", "alert: RedisGroupNotReady",
        "{{ $labels.namespace }}", "name: rfg-rfg-operator-dashboard", "grafana_dashboard: \"1\"",
        "\"uid\": \"rfg-group\"");
    assertThat(template("metrics.podMonitor.enabled=true", "watchNamespaces={team-a}"))
        .contains("matchNames:\n      - team-a").doesNotContain("any: true");
    // The dashboard is JSON and every query in it, and in the alerts, names a metric the project exports (the
    // cluster tier's MetricsTest scrapes them for real).
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
        java.nio.file.Files.readString(Tools.ROOT.resolve("helm/rfg-operator/files/dashboard.json")));
    assertThat(json.get("panels")).isNotEmpty();
    assertThat(MetricsTest.namesInQueries()).isNotEmpty().allSatisfy(name ->
        assertThat(name).matches("(redis|rfg)_[a-z_]+"));
  }
}
