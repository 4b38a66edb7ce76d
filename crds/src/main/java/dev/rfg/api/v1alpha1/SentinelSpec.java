package dev.rfg.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.failoverTimeoutMilliseconds >= self.downAfterMilliseconds",
    message = "sentinel.failoverTimeoutMilliseconds must be at least downAfterMilliseconds")
public class SentinelSpec {

  @JsonPropertyDescription("Sentinel sidecar image. Default: the sentinel image the operator was installed "
      + "with, which matches the operator's version.")
  private String image;

  @JsonPropertyDescription("CPU and memory of the sentinel container.")
  private ResourceRequirements resources;

  @JsonPropertyDescription("Sentinels that must agree a master is down before a failover starts. "
      + "Default: a majority of replicas. A failover also needs votes from a majority of the group.")
  @Min(1)
  private Integer quorum;

  @JsonPropertyDescription("Milliseconds a master may stay unreachable before a sentinel considers it down. "
      + "Default 5000.")
  @Default("5000")
  @Min(100)
  @Max(600000)
  private Integer downAfterMilliseconds = 5000;

  @JsonPropertyDescription("Milliseconds a failover step may take before it is retried or ended "
      + "(sentinel failover-timeout). Default 10000.")
  @Default("10000")
  @Min(1000)
  @Max(3600000)
  private Integer failoverTimeoutMilliseconds = 10000;

  @JsonPropertyDescription("Replicas resynchronised with the new master at the same time after a failover. "
      + "Default 1.")
  @Default("1")
  @Min(1)
  @Max(98)
  private Integer parallelSyncs = 1;

  public String getImage() { return image; }
  public void setImage(String image) { this.image = image; }
  public ResourceRequirements getResources() { return resources; }
  public void setResources(ResourceRequirements resources) { this.resources = resources; }
  public Integer getQuorum() { return quorum; }
  public void setQuorum(Integer quorum) { this.quorum = quorum; }
  public Integer getDownAfterMilliseconds() { return downAfterMilliseconds; }
  public void setDownAfterMilliseconds(Integer ms) { this.downAfterMilliseconds = ms; }
  public Integer getFailoverTimeoutMilliseconds() { return failoverTimeoutMilliseconds; }
  public void setFailoverTimeoutMilliseconds(Integer ms) { this.failoverTimeoutMilliseconds = ms; }
  public Integer getParallelSyncs() { return parallelSyncs; }
  public void setParallelSyncs(Integer parallelSyncs) { this.parallelSyncs = parallelSyncs; }

  /** The quorum in force: the configured one, else a majority of {@code replicas}. */
  public int effectiveQuorum(int replicas) {
    return quorum != null ? quorum : replicas / 2 + 1;
  }
}
