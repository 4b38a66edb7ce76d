package dev.rfg.e2e.support;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Watches a group's master Service while a fault test runs: the ready endpoints of its EndpointSlices (what
 * kube-proxy routes to) and the pods labelled {@code rfg.dev/role=master}. Every change the watches deliver is
 * recorded in a timeline, and a 100 ms tick re-reads the informers' caches as well, so a state that lasts is
 * seen even if an event were lost. Records whether two pods were ever selected at once. {@link #close()} stops
 * the watches.
 */
public final class MasterServiceSampler implements AutoCloseable {

  /** One observed state, with its wall-clock time and the time since the sampler started. */
  public record Change(long epochMs, long sinceStartMs, List<String> endpoints, List<String> notReady,
      List<String> masterLabelled) {
    @Override
    public String toString() {
      return String.format("+%6d ms  endpoints %s%s  master label %s", sinceStartMs, endpoints,
          notReady.isEmpty() ? "" : " (not ready " + notReady + ")", masterLabelled);
    }
  }

  private final FailoverGroup group;
  private final long startMs = System.currentTimeMillis();
  private volatile SharedIndexInformer<EndpointSlice> slices;
  private volatile SharedIndexInformer<Pod> pods;
  private final ScheduledExecutorService tick = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "master-service-sampler");
    t.setDaemon(true);
    return t;
  });
  private final List<Change> timeline = new ArrayList<>();
  private int maxSelected;
  private int maxLabelled;
  private long samples;

  private MasterServiceSampler(FailoverGroup group) {
    this.group = group;
    var client = group.cluster().client();
    ResourceEventHandler<HasMetadata> handler = new ResourceEventHandler<>() {
      @Override
      public void onAdd(HasMetadata obj) {
        sample();
      }

      @Override
      public void onUpdate(HasMetadata oldObj, HasMetadata newObj) {
        sample();
      }

      @Override
      public void onDelete(HasMetadata obj, boolean deletedFinalStateUnknown) {
        sample();
      }
    };
    slices = client.discovery().v1().endpointSlices().inNamespace(group.namespace())
        .withLabel("kubernetes.io/service-name", group.masterService()).inform(cast(handler), 0);
    pods = client.pods().inNamespace(group.namespace()).withLabel("rfg.dev/group", group.name())
        .inform(cast(handler), 0);
    tick.scheduleAtFixedRate(this::sample, 100, 100, TimeUnit.MILLISECONDS);
  }

  @SuppressWarnings("unchecked")
  private static <T extends HasMetadata> ResourceEventHandler<T> cast(ResourceEventHandler<HasMetadata> handler) {
    return (ResourceEventHandler<T>) (ResourceEventHandler<?>) handler;
  }

  /** Starts watching the group's master Service and role labels. */
  public static MasterServiceSampler start(FailoverGroup group) {
    MasterServiceSampler sampler = new MasterServiceSampler(group);
    sampler.sample();
    return sampler;
  }

  private synchronized void sample() {
    // Events can arrive while the constructor still starts the second informer.
    if (slices == null || pods == null || !slices.hasSynced() || !pods.hasSynced()) {
      return;
    }
    samples++;
    TreeSet<String> ready = new TreeSet<>();
    TreeSet<String> notReady = new TreeSet<>();
    for (EndpointSlice slice : slices.getStore().list()) {
      for (Endpoint endpoint : slice.getEndpoints() == null ? List.<Endpoint>of() : slice.getEndpoints()) {
        String name = endpoint.getTargetRef() == null ? String.join(",", endpoint.getAddresses())
            : endpoint.getTargetRef().getName();
        var conditions = endpoint.getConditions();
        boolean isReady = conditions == null || !Boolean.FALSE.equals(conditions.getReady());
        if (isReady) {
          ready.add(name);
        } else {
          boolean terminating = conditions != null && Boolean.TRUE.equals(conditions.getTerminating());
          notReady.add(terminating ? name + " terminating" : name);
        }
      }
    }
    TreeSet<String> labelled = new TreeSet<>();
    for (Pod pod : pods.getStore().list()) {
      if (pod.getMetadata().getDeletionTimestamp() == null && pod.getMetadata().getLabels() != null
          && "master".equals(pod.getMetadata().getLabels().get(FailoverGroup.ROLE))) {
        labelled.add(pod.getMetadata().getName());
      }
    }
    maxSelected = Math.max(maxSelected, ready.size());
    maxLabelled = Math.max(maxLabelled, labelled.size());
    Change last = timeline.isEmpty() ? null : timeline.get(timeline.size() - 1);
    List<String> endpoints = List.copyOf(ready);
    List<String> pending = List.copyOf(notReady);
    List<String> masters = List.copyOf(labelled);
    if (last == null || !Objects.equals(last.endpoints(), endpoints) || !Objects.equals(last.notReady(), pending)
        || !Objects.equals(last.masterLabelled(), masters)) {
      long now = System.currentTimeMillis();
      timeline.add(new Change(now, now - startMs, endpoints, pending, masters));
    }
  }

  /** The most pods the master Service's EndpointSlices ever selected (ready) at once. */
  public synchronized int maxSelected() {
    return maxSelected;
  }

  /** The most pods ever labelled master at once (terminating pods not counted). */
  public synchronized int maxMasterLabelled() {
    return maxLabelled;
  }

  public synchronized List<Change> timeline() {
    return List.copyOf(timeline);
  }

  /** The timeline, one change per line, each line starting with the prefix. */
  public synchronized String describe(String prefix) {
    StringBuilder out = new StringBuilder();
    for (Change change : timeline) {
      out.append(prefix).append(change).append('\n');
    }
    return summarize(out, prefix);
  }

  /** The timeline with times relative to a moment (the fault: "t+2455 ms"), one change per line. */
  public synchronized String describe(String prefix, long zeroEpochMs) {
    StringBuilder out = new StringBuilder();
    for (Change change : timeline) {
      out.append(prefix).append(String.format("t%+7d ms  endpoints %s%s  master label %s",
          change.epochMs() - zeroEpochMs, change.endpoints(),
          change.notReady().isEmpty() ? "" : " (not ready " + change.notReady() + ")", change.masterLabelled()))
          .append('\n');
    }
    return summarize(out, prefix);
  }

  private String summarize(StringBuilder out, String prefix) {
    out.append(prefix).append(String.format("%d samples; at most %d pod(s) selected, %d labelled master at once",
        samples, maxSelected, maxLabelled));
    return out.toString();
  }

  /** The first time (wall clock) after {@code sinceEpochMs} that the Service selected exactly this pod. */
  public synchronized long firstSelected(String pod, long sinceEpochMs) {
    for (Change change : timeline) {
      if (change.epochMs() >= sinceEpochMs && change.endpoints().equals(List.of(pod))) {
        return change.epochMs();
      }
    }
    return -1;
  }

  public FailoverGroup group() {
    return group;
  }

  @Override
  public void close() {
    tick.shutdownNow();
    if (slices != null) {
      slices.close();
    }
    if (pods != null) {
      pods.close();
    }
  }
}
