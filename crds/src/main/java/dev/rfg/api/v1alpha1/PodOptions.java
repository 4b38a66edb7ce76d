package dev.rfg.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class PodOptions {

  @JsonPropertyDescription("Node labels a pod's node must have.")
  private Map<String, String> nodeSelector = new LinkedHashMap<>();

  @JsonPropertyDescription("Pod affinity rules. Default: prefer spreading the group's pods across nodes "
      + "(soft anti-affinity on kubernetes.io/hostname).")
  private Affinity affinity;

  @JsonPropertyDescription("Taints the pods tolerate.")
  private List<Toleration> tolerations = new ArrayList<>();

  @JsonPropertyDescription("How the pods spread across zones or nodes.")
  private List<TopologySpreadConstraint> topologySpreadConstraints = new ArrayList<>();

  @JsonPropertyDescription("PriorityClass of the pods.")
  private String priorityClassName;

  @JsonPropertyDescription("Pod-level security context, laid over the defaults field by field: a field set here "
      + "replaces the default's, the others stay. Defaults: runAsNonRoot, runAsUser, runAsGroup and fsGroup 999, "
      + "seccompProfile RuntimeDefault.")
  @ValidationRule(value = "!has(self.runAsUser) || self.runAsUser != 0 || (has(self.runAsNonRoot) && !self.runAsNonRoot)",
      message = "pod.securityContext.runAsUser 0 (root) contradicts the default runAsNonRoot: true; set runAsNonRoot: "
          + "false as well if the pods must run as root")
  private PodSecurityContext securityContext;

  @JsonPropertyDescription("Extra labels on the pods. The rfg.dev/ prefix is the operator's.")
  @ValidationRule(value = "self.all(k, !k.startsWith('rfg.dev/'))",
      message = "pod.labels may not use the rfg.dev/ prefix: the operator and the sentinels own those labels")
  @Size(max = 64)
  private Map<String, String> labels = new LinkedHashMap<>();

  @JsonPropertyDescription("Extra annotations on the pods. The rfg.dev/ prefix is the operator's.")
  @ValidationRule(value = "self.all(k, !k.startsWith('rfg.dev/'))",
      message = "pod.annotations may not use the rfg.dev/ prefix: the operator and the sentinels own "
          + "those annotations")
  @Size(max = 64)
  private Map<String, String> annotations = new LinkedHashMap<>();

  @JsonPropertyDescription("Seconds a pod has to stop once Kubernetes terminates it (the pod's "
      + "terminationGracePeriodSeconds). A master uses the first two thirds to hand its role to an in-sync replica "
      + "(a planned switchover: no acknowledged write lost), the rest for Redis's own shutdown. Default 30.")
  @Default("30")
  @Min(3)
  @Max(3600)
  private Integer terminationGracePeriodSeconds = 30;

  public Map<String, String> getNodeSelector() { return nodeSelector; }
  public void setNodeSelector(Map<String, String> nodeSelector) { this.nodeSelector = nodeSelector; }
  public Affinity getAffinity() { return affinity; }
  public void setAffinity(Affinity affinity) { this.affinity = affinity; }
  public List<Toleration> getTolerations() { return tolerations; }
  public void setTolerations(List<Toleration> tolerations) { this.tolerations = tolerations; }
  public List<TopologySpreadConstraint> getTopologySpreadConstraints() { return topologySpreadConstraints; }
  public void setTopologySpreadConstraints(List<TopologySpreadConstraint> constraints) {
    this.topologySpreadConstraints = constraints;
  }
  public String getPriorityClassName() { return priorityClassName; }
  public void setPriorityClassName(String priorityClassName) { this.priorityClassName = priorityClassName; }
  public PodSecurityContext getSecurityContext() { return securityContext; }
  public void setSecurityContext(PodSecurityContext securityContext) { this.securityContext = securityContext; }
  public Map<String, String> getLabels() { return labels; }
  public void setLabels(Map<String, String> labels) { this.labels = labels; }
  public Map<String, String> getAnnotations() { return annotations; }
  public Integer getTerminationGracePeriodSeconds() { return terminationGracePeriodSeconds; }
  public void setTerminationGracePeriodSeconds(Integer seconds) { this.terminationGracePeriodSeconds = seconds; }
  public void setAnnotations(Map<String, String> annotations) { this.annotations = annotations; }
}
