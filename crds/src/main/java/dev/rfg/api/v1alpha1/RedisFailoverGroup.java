package dev.rfg.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

import static io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type.DATE;
import static io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type.INTEGER;

/** A Redis master with its replicas, each pod with a sentinel sidecar that fails over on its own. */
@Group(RedisFailoverGroup.GROUP)
@Version(RedisFailoverGroup.VERSION)
@Kind("RedisFailoverGroup")
@Plural("redisfailovergroups")
@Singular("redisfailovergroup")
@ShortNames("rfg")
@AdditionalPrinterColumn(name = "Master", jsonPath = ".status.master.pod",
    getDescription = "The pod the sentinels elected master")
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.ready",
    getDescription = "Ready pods out of the desired number")
@AdditionalPrinterColumn(name = "Sentinels", jsonPath = ".status.sentinels", type = INTEGER,
    getDescription = "Sentinels that agree on the master")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase",
    getDescription = "Pending, Creating, Ready, Degraded, FailingOver, RollingUpdate or Error")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = DATE)
// kubectl get rfg -o wide (priority 1): when the master last changed, and at which configuration epoch.
@AdditionalPrinterColumn(name = "Epoch", jsonPath = ".status.configEpoch", type = INTEGER, priority = 1,
    getDescription = "The sentinels' configuration epoch of the current master: it grows by one per failover")
@AdditionalPrinterColumn(name = "Last-Failover", jsonPath = ".status.lastFailoverTime", type = DATE, priority = 1,
    getDescription = "When the sentinels last moved the master")
public class RedisFailoverGroup extends CustomResource<RedisFailoverGroupSpec, RedisFailoverGroupStatus>
    implements Namespaced {

  public static final String GROUP = "rfg.dev";
  public static final String VERSION = "v1alpha1";

  @Override
  protected RedisFailoverGroupSpec initSpec() {
    return new RedisFailoverGroupSpec();
  }
}
