package dev.rfg.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class RedisSpec {

  /**
   * The image the operator defaults to: an official Redis 8.0 tag, the first server of images/servers (a test
   * checks the two agree). Redis 7.0 and Valkey 8.1 are tested too.
   */
  public static final String DEFAULT_IMAGE = "redis:8.0.2";

  @JsonPropertyDescription("Server image: Redis 7.0 or later, or Valkey 8 (for example valkey/valkey:8.1.1); the "
      + "operator starts its redis-server. Default " + DEFAULT_IMAGE + ". A change rolls the pods like any other.")
  @Default(DEFAULT_IMAGE)
  @ValidationRule(value = "!self.matches('^([^@]*/)?redis:[0-6](\\\\.[0-9]+)*([-_@].*)?$')",
      message = "redis.image: Redis before 7.0 is not supported (RFG supports Redis 7.0 or later and Valkey 7.2 or "
          + "later)")
  private String image = DEFAULT_IMAGE;

  @JsonPropertyDescription("Pull policy of the Redis image: Always, IfNotPresent or Never. Default IfNotPresent.")
  @Default("IfNotPresent")
  private PullPolicy imagePullPolicy = PullPolicy.IfNotPresent;

  @JsonPropertyDescription("Secrets used to pull the Redis and sentinel images.")
  private List<LocalObjectReference> imagePullSecrets = new ArrayList<>();

  @JsonPropertyDescription("CPU and memory of the redis container.")
  private ResourceRequirements resources;

  @JsonPropertyDescription("Extra redis.conf directives, for example maxmemory or appendonly: lowercase "
      + "directive names, one-line values. Directives the operator owns (replication, network, files, "
      + "passwords) are refused by name.")
  @Size(max = 64)
  private Map<String, String> config = new LinkedHashMap<>();

  @JsonPropertyDescription("Whether Redis data lives on a PersistentVolumeClaim per pod.")
  @Default("{}")
  private PersistenceSpec persistence = new PersistenceSpec();

  @JsonPropertyDescription("Split-brain bound: the master refuses writes unless at least this many replicas "
      + "acknowledged within minReplicasMaxLag seconds (redis min-replicas-to-write). 0, the default, is off.")
  @Default("0")
  @Min(0)
  private Integer minReplicasToWrite = 0;

  @JsonPropertyDescription("Seconds a replica may lag and still count for minReplicasToWrite "
      + "(redis min-replicas-max-lag). Default 10.")
  @Default("10")
  @Min(1)
  @Max(3600)
  private Integer minReplicasMaxLag = 10;

  public enum PullPolicy { Always, IfNotPresent, Never }

  public String getImage() { return image; }
  public void setImage(String image) { this.image = image; }
  public PullPolicy getImagePullPolicy() { return imagePullPolicy; }
  public void setImagePullPolicy(PullPolicy imagePullPolicy) { this.imagePullPolicy = imagePullPolicy; }
  public List<LocalObjectReference> getImagePullSecrets() { return imagePullSecrets; }
  public void setImagePullSecrets(List<LocalObjectReference> imagePullSecrets) {
    this.imagePullSecrets = imagePullSecrets;
  }
  public ResourceRequirements getResources() { return resources; }
  public void setResources(ResourceRequirements resources) { this.resources = resources; }
  public Map<String, String> getConfig() { return config; }
  public void setConfig(Map<String, String> config) { this.config = config; }
  public PersistenceSpec getPersistence() { return persistence; }
  public void setPersistence(PersistenceSpec persistence) { this.persistence = persistence; }
  public Integer getMinReplicasToWrite() { return minReplicasToWrite; }
  public void setMinReplicasToWrite(Integer minReplicasToWrite) { this.minReplicasToWrite = minReplicasToWrite; }
  public Integer getMinReplicasMaxLag() { return minReplicasMaxLag; }
  public void setMinReplicasMaxLag(Integer minReplicasMaxLag) { this.minReplicasMaxLag = minReplicasMaxLag; }
}
