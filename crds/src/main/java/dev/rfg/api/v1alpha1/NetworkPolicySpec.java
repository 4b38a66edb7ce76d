package dev.rfg.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;

import java.util.ArrayList;
import java.util.List;

/**
 * The group's NetworkPolicy. The group's own pods and the operator are always admitted: without them there is no
 * replication, no failover and no status, so a spec cannot leave them out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NetworkPolicySpec {

  private static final String PEER_RULE = "self.all(p, has(p.podSelector) || has(p.namespaceSelector) "
      + "|| has(p.ipBlock))";

  @JsonPropertyDescription("Create a NetworkPolicy <name> that admits connections to the group's pods only from "
      + "the group's own pods, the operator's pods, and the peers named in clients and metricsScrapers. Only a "
      + "network plugin that enforces NetworkPolicy makes it hold. Default false.")
  @Default("false")
  private Boolean enabled = false;

  @JsonPropertyDescription("Who may connect to Redis (port 6379) and to the sentinels (26379, where Sentinel "
      + "clients find the master): NetworkPolicy peers as in a NetworkPolicy's ingress from (podSelector, "
      + "namespaceSelector, both in one entry to mean pods of those namespaces, or ipBlock). A podSelector alone "
      + "means pods of the group's namespace. Empty: nobody but the group and the operator.")
  @ValidationRule(value = PEER_RULE, message = "each networkPolicy.clients entry needs a podSelector, a "
      + "namespaceSelector or an ipBlock; an empty entry would admit everybody")
  @Size(max = 32)
  private List<NetworkPolicyPeer> clients = new ArrayList<>();

  @JsonPropertyDescription("Who may read the sidecars' metrics and health port (8080), for example a "
      + "Prometheus: NetworkPolicy peers, as in clients. Empty: nobody but the group and the operator (kubelet "
      + "probes come from the node, which network plugins admit).")
  @ValidationRule(value = PEER_RULE, message = "each networkPolicy.metricsScrapers entry needs a podSelector, a "
      + "namespaceSelector or an ipBlock; an empty entry would admit everybody")
  @Size(max = 32)
  private List<NetworkPolicyPeer> metricsScrapers = new ArrayList<>();

  public Boolean getEnabled() { return enabled; }
  public void setEnabled(Boolean enabled) { this.enabled = enabled; }
  public List<NetworkPolicyPeer> getClients() { return clients; }
  public void setClients(List<NetworkPolicyPeer> clients) { this.clients = clients; }
  public List<NetworkPolicyPeer> getMetricsScrapers() { return metricsScrapers; }
  public void setMetricsScrapers(List<NetworkPolicyPeer> metricsScrapers) { this.metricsScrapers = metricsScrapers; }
}
