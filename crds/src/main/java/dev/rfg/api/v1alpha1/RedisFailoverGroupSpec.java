package dev.rfg.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.model.annotation.SpecReplicas;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.replicas == 1 || self.replicas >= 3",
    message = "replicas must be 1 (no failover) or at least 3: with co-located sentinels, "
        + "2 pods cannot keep a majority after losing one")
@ValidationRule(value = "!has(self.sentinel) || !has(self.sentinel.quorum) || self.sentinel.quorum <= self.replicas",
    message = "sentinel.quorum must not exceed replicas: there are only as many sentinels as pods")
@ValidationRule(value = "!has(self.redis) || !has(self.redis.minReplicasToWrite) || self.redis.minReplicasToWrite < self.replicas",
    message = "redis.minReplicasToWrite must be less than replicas, "
        + "or the master could never accept a write")
public class RedisFailoverGroupSpec {

  @JsonPropertyDescription("Redis pods, each with a sentinel sidecar. 1 (a single master, no failover) "
      + "or at least 3. Default 3.")
  @Default("3")
  @Min(1)
  @Max(99)
  @SpecReplicas
  private Integer replicas = 3;

  @JsonPropertyDescription("The Redis server in every pod.")
  @Default("{}")
  private RedisSpec redis = new RedisSpec();

  @JsonPropertyDescription("The sentinel sidecar that detects failures and fails over.")
  @Default("{}")
  private SentinelSpec sentinel = new SentinelSpec();

  @JsonPropertyDescription("Where the Redis password comes from, and how a change of it is rolled out. When "
      + "absent (or without secretName), the operator generates a Secret and names it in status.authSecretName.")
  private AuthSpec auth;

  @JsonPropertyDescription("Scheduling and metadata of the pods.")
  @Default("{}")
  private PodOptions pod = new PodOptions();

  @JsonPropertyDescription("The Services clients connect through.")
  @Default("{}")
  private ServicesSpec services = new ServicesSpec();

  @JsonPropertyDescription("The PodDisruptionBudget that lets voluntary evictions take one pod at a time.")
  @Default("{}")
  private PodDisruptionBudgetSpec podDisruptionBudget = new PodDisruptionBudgetSpec();

  @JsonPropertyDescription("A NetworkPolicy that admits only the group itself, the operator and the clients "
      + "named here. Off by default.")
  @Default("{}")
  private NetworkPolicySpec networkPolicy = new NetworkPolicySpec();

  public Integer getReplicas() { return replicas; }
  public void setReplicas(Integer replicas) { this.replicas = replicas; }
  public RedisSpec getRedis() { return redis; }
  public void setRedis(RedisSpec redis) { this.redis = redis; }
  public SentinelSpec getSentinel() { return sentinel; }
  public void setSentinel(SentinelSpec sentinel) { this.sentinel = sentinel; }
  public AuthSpec getAuth() { return auth; }
  public void setAuth(AuthSpec auth) { this.auth = auth; }
  public PodOptions getPod() { return pod; }
  public void setPod(PodOptions pod) { this.pod = pod; }
  public ServicesSpec getServices() { return services; }
  public void setServices(ServicesSpec services) { this.services = services; }
  public PodDisruptionBudgetSpec getPodDisruptionBudget() { return podDisruptionBudget; }
  public void setPodDisruptionBudget(PodDisruptionBudgetSpec podDisruptionBudget) {
    this.podDisruptionBudget = podDisruptionBudget;
  }
  public NetworkPolicySpec getNetworkPolicy() { return networkPolicy; }
  public void setNetworkPolicy(NetworkPolicySpec networkPolicy) { this.networkPolicy = networkPolicy; }
}
