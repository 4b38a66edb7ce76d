package dev.rfg.operator;

import dev.rfg.api.v1alpha1.RedisFailoverGroup;
import dev.rfg.api.v1alpha1.RedisFailoverGroupStatus;
import dev.rfg.operator.dependent.ApplyFailures;
import dev.rfg.operator.dependent.AuthSecretDependent;
import dev.rfg.operator.dependent.ConfigMapDependent;
import dev.rfg.operator.dependent.GroupContext;
import dev.rfg.operator.dependent.HeadlessServiceDependent;
import dev.rfg.operator.dependent.MasterServiceDependent;
import dev.rfg.operator.dependent.NetworkPolicyDependent;
import dev.rfg.operator.dependent.PodDisruptionBudgetDependent;
import dev.rfg.operator.dependent.RedisConfigMaps;
import dev.rfg.operator.dependent.ReplicasServiceDependent;
import dev.rfg.operator.dependent.SentinelAdminSecretDependent;
import dev.rfg.operator.dependent.SentinelServiceDependent;
import dev.rfg.operator.dependent.SidecarRoleBindingDependent;
import dev.rfg.operator.dependent.SidecarRoleDependent;
import dev.rfg.operator.dependent.SidecarServiceAccountDependent;
import dev.rfg.operator.dependent.StatefulSetDependent;
import dev.rfg.operator.events.GroupEvents;
import dev.rfg.operator.gate.DestructiveActionGate;
import dev.rfg.operator.gate.ServerChangeGate;
import dev.rfg.operator.render.GroupLabels;
import dev.rfg.operator.render.GroupNames;
import dev.rfg.operator.status.GroupObservation;
import dev.rfg.operator.status.Passwords;
import dev.rfg.operator.status.PodState;
import dev.rfg.operator.status.SentinelObserver;
import dev.rfg.operator.status.SentinelQuery;
import dev.rfg.operator.status.StatusCalculator;
import dev.rfg.operator.rollout.PlannedSwitchovers;
import dev.rfg.operator.rollout.TerminatingPods;
import dev.rfg.operator.rollout.PodChanges;
import dev.rfg.operator.runtime.GroupMetrics;
import dev.rfg.operator.rollout.SwitchoverRequester;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Renders a group's objects (the declared dependents), then reports what the sentinels and pods say.
 * The workflow is invoked explicitly: when a Secret the spec names is missing, or the spec's server image cannot
 * replace the one the pods run ({@link ServerChangeGate}), nothing is re-rendered and nothing running is touched;
 * the status and an event say what is wrong, and a retry follows. An object the API server refuses (a spec can pass
 * the CRD's schema and fail a rule only the API server knows) does not stop the others or the rest of the
 * reconcile: condition SpecApplied says which and why ({@link ApplyFailures}).
 * Optional objects are gated by reconcile preconditions, never by activation conditions: JOSDK starts a
 * dependent's informer when its activation condition holds and stops it when it does not, so groups that differ
 * (one with spec.auth, one without) would stop and restart the informer on every other reconcile.
 * The four Services share one informer (each dependent picks its own by name): one informer each would cache
 * every managed Service four times.
 */
@Workflow(explicitInvocation = true, handleExceptionsInReconciler = true, dependents = {
    @Dependent(name = "auth-secret", type = AuthSecretDependent.class,
        reconcilePrecondition = AuthSecretDependent.Wanted.class),
    @Dependent(name = "sentinel-admin-secret", type = SentinelAdminSecretDependent.class,
        useEventSourceWithName = "auth-secret"),
    @Dependent(name = "config", type = ConfigMapDependent.class),
    @Dependent(name = "sentinel-serviceaccount", type = SidecarServiceAccountDependent.class),
    @Dependent(name = "sentinel-role", type = SidecarRoleDependent.class),
    @Dependent(name = "sentinel-rolebinding", type = SidecarRoleBindingDependent.class,
        dependsOn = {"sentinel-serviceaccount", "sentinel-role"}),
    @Dependent(name = "master-service", type = MasterServiceDependent.class),
    @Dependent(name = "headless-service", type = HeadlessServiceDependent.class,
        useEventSourceWithName = "master-service"),
    @Dependent(name = "replicas-service", type = ReplicasServiceDependent.class,
        reconcilePrecondition = ReplicasServiceDependent.Wanted.class, useEventSourceWithName = "master-service"),
    @Dependent(name = "sentinel-service", type = SentinelServiceDependent.class,
        useEventSourceWithName = "master-service"),
    @Dependent(name = "pod-disruption-budget", type = PodDisruptionBudgetDependent.class,
        reconcilePrecondition = PodDisruptionBudgetDependent.Wanted.class),
    @Dependent(name = "network-policy", type = NetworkPolicyDependent.class,
        reconcilePrecondition = NetworkPolicyDependent.Wanted.class),
    @Dependent(name = "statefulset", type = StatefulSetDependent.class,
        dependsOn = {"config", "sentinel-rolebinding", "headless-service", "sentinel-admin-secret"})
})
@ControllerConfiguration(name = RedisFailoverGroupReconciler.NAME)
// A group must never be left alone for good: retry forever, at most every two minutes.
@GradualRetry(maxAttempts = -1, maxInterval = 120_000)
public class RedisFailoverGroupReconciler implements Reconciler<RedisFailoverGroup> {

  public static final String NAME = "redisfailovergroup";
  static final Duration WHILE_SETTLING = Duration.ofSeconds(5);
  static final Duration WHILE_READY = Duration.ofSeconds(20);

  private final OperatorSettings settings;
  private final SentinelObserver observer;
  private final PodChanges podChanges;
  private final PlannedSwitchovers planned;
  private final TerminatingPods terminating = new TerminatingPods(Clock.systemUTC());
  private final GroupEventsFactory eventsFactory;
  private final GroupMetrics metrics;
  private final GroupSecrets.Memory knownPasswords = new GroupSecrets.Memory();
  private final RedisConfigMaps redisConfigMaps = new RedisConfigMaps();

  /** Events need the client JOSDK hands the reconciler, so they are made per call. */
  public interface GroupEventsFactory {
    GroupEvents forClient(io.fabric8.kubernetes.client.KubernetesClient client);
  }

  public RedisFailoverGroupReconciler(OperatorSettings settings, SentinelQuery sentinels,
      SwitchoverRequester switchovers) {
    this(settings, sentinels, switchovers, GroupEvents::new, GroupMetrics.discarding());
  }

  public RedisFailoverGroupReconciler(OperatorSettings settings, SentinelQuery sentinels,
      SwitchoverRequester switchovers, GroupEventsFactory eventsFactory, GroupMetrics metrics) {
    this.settings = settings;
    this.observer = new SentinelObserver(sentinels);
    this.planned = new PlannedSwitchovers(switchovers, Clock.systemUTC());
    this.podChanges = new PodChanges(planned);
    this.eventsFactory = eventsFactory;
    this.metrics = metrics;
  }

  @Override
  public UpdateControl<RedisFailoverGroup> reconcile(RedisFailoverGroup group, Context<RedisFailoverGroup> context) {
    GroupNames names = GroupNames.of(group, settings.clusterDomain());
    GroupEvents events = eventsFactory.forClient(context.getClient());
    RedisFailoverGroupStatus previous = group.getStatus();
    var statefulSet = context.getSecondaryResource(StatefulSet.class);
    var secrets = GroupSecrets.resolve(group, names, context.getClient(),
        () -> context.getSecondaryResourcesAsStream(Secret.class), statefulSet, knownPasswords);
    var auth = secrets.auth();
    String secretProblem = secrets.problem();
    List<Pod> podObjects = List.copyOf(context.getSecondaryResources(Pod.class));
    // What stops rendering, so that nothing running changes: a Secret the spec names, or a server image that
    // cannot replace the one the pods run.
    String blocked = secretProblem != null ? secretProblem : ServerChangeGate.problem(
        group.getSpec().getRedis().getImage(), ServerChangeGate.runningImages(statefulSet, podObjects));
    List<PodState> pods = podObjects.stream().map(PodState::of).sorted(Comparator.comparing(PodState::name)).toList();

    Passwords passwords = secrets.passwords(knownPasswords, group);
    // Observed before anything is changed: what may be removed depends on where the master is now.
    var seen = observer.observe(names, group.getSpec().getReplicas(), statefulSet.isPresent() || blocked == null,
        pods, passwords, blocked);
    if (passwords.previous() != null && !seen.sentinels().isEmpty()
        && seen.sentinels().stream().allMatch(r -> r.answered() && !r.previousPassword())) {
      knownPasswords.data.forgetPrevious(group);
    }
    var gate = DestructiveActionGate.decide(seen, names, pod -> observer.redisRole(names, pod, passwords));
    String masterPod = gate.masterPod();
    int replicas = ScaleDownGuard.statefulSetReplicas(group, names, statefulSet, masterPod);
    String scaleDownWaiting = ScaleDownGuard.waiting(group, statefulSet, replicas, gate);
    secrets.announce(group, previous == null ? null : previous.getMessage(), events);
    String applyProblem = null;
    if (blocked == null) {
      new GroupContext(settings, auth.secretName(), auth.key(), auth.password(), secrets.admin().password(), replicas,
          pods).store(context);
      // Before the StatefulSet names it: a pod made from the new template finds its redis.conf at once.
      String redisConfig = redisConfigMaps.ensure(context.getClient(), group, names);
      applyProblem = ApplyFailures.describe(context.managedWorkflowAndDependentResourceContext()
          .reconcileManagedWorkflow());
      if (applyProblem != null) {
        metrics.reconcileFailed(); // the reconcile-errors alert covers a refused object as it did a thrown one
        if (previous == null || previous.getMessage() == null || !previous.getMessage().contains(applyProblem)) {
          events.warning(group, "ApplyFailed", applyProblem);
        }
      }
      redisConfigMaps.collect(context.getClient(), group, names, redisConfig, podObjects);
      GroupTransitions.announceWorkflow(group, statefulSet, replicas, scaleDownWaiting, events);
    } else if (previous == null || previous.getMessage() == null || !previous.getMessage().startsWith(blocked)) {
      events.warning(group, secretProblem != null ? "ConfigError" : "ServerChangeRefused",
          blocked + "; nothing running was changed");
    }

    var changes = blocked != null ? new PodChanges.Result(null, false)
        : podChanges.apply(group, names, context.getClient(), statefulSet.map(s -> s.getStatus() == null ? null
            : s.getStatus().getUpdateRevision()).orElse(null), pods, gate, replicas, passwords, previous, events);
    var observation = new GroupObservation(seen.desiredReplicas(), seen.statefulSetExists(), pods, seen.sentinels(),
        seen.replicaProblems(), blocked, changes.rollout(), scaleDownWaiting, secrets.usersProblem(), applyProblem);
    RedisFailoverGroupStatus status = StatusCalculator.calculate(observation, names, previous,
        group.getMetadata().getGeneration(), Instant.now().toString());
    status.setAuthSecretName(auth.secretName());

    RoleLabelBackstop.converge(context.getClient(), names, observation, status);
    // From the cache as it is now, not the pods this reconcile started from: the sentinels were asked after that,
    // and a preStop handover (~0.3 s) can move the master in between.
    terminating.saw(names.namespace(), names.group(), context.getSecondaryResourcesAsStream(Pod.class)
        .filter(p -> p.getMetadata().getDeletionTimestamp() != null).map(p -> p.getMetadata().getName()).toList());
    GroupTransitions.announceStatus(group, previous, status, events, (from, to) ->
        planned.explains(names.namespace(), names.group(), to) ? "by the switchover the operator asked for"
            // The redis container's preStop hands over before Redis stops (delete, drain, eviction, scale-down).
            : terminating.wasTerminating(names.namespace(), names.group(), from)
                ? "because the pod of " + from + " was being deleted" : null);
    GroupTransitions.announcePodProblems(group, previous, pods, events);
    metrics.observe(names.namespace(), names.group(), previous, status);
    forgetDeletedGroups(context);

    Duration resync = resyncAfter(status, changes.acted(), !pods.isEmpty(),
        secretProblem != null || applyProblem != null);
    if (sameStatus(previous, status, context.getClient().getKubernetesSerialization())) {
      // Nothing to write: an identical apply is still an API request, and a settled operator would send one per
      // group per resync.
      return UpdateControl.<RedisFailoverGroup>noUpdate().rescheduleAfter(resync);
    }
    RedisFailoverGroup patch = new RedisFailoverGroup();
    patch.setMetadata(new ObjectMetaBuilder().withName(group.getMetadata().getName())
        .withNamespace(group.getMetadata().getNamespace()).build());
    patch.setStatus(status);
    return UpdateControl.patchStatus(patch).rescheduleAfter(resync);
  }

  private static final long FORGET_EVERY_MS = 60_000;
  private final java.util.concurrent.atomic.AtomicLong lastForget = new java.util.concurrent.atomic.AtomicLong();

  /** At most once a minute: metrics of groups the informer no longer holds (deleted) go. */
  private void forgetDeletedGroups(Context<RedisFailoverGroup> context) {
    long now = System.currentTimeMillis();
    long last = lastForget.get();
    if (now - last < FORGET_EVERY_MS || !lastForget.compareAndSet(last, now)) {
      return;
    }
    metrics.retainOnly(context.getPrimaryCache().list().map(g -> g.getMetadata().getNamespace() + "/"
        + g.getMetadata().getName()).collect(java.util.stream.Collectors.toSet()));
  }

  static boolean sameStatus(RedisFailoverGroupStatus previous, RedisFailoverGroupStatus status,
      KubernetesSerialization json) {
    return previous != null && json.asJson(previous).equals(json.asJson(status));
  }

  /**
   * How soon to look again without an event: a settled group after 20 s, one still settling after 5 s, for what
   * only its sentinels tell. A group without pods has no sentinels to ask, and whatever can change it (pods
   * appearing, its StatefulSet, its generated Secret, its spec) arrives as an informer event, so it waits as long
   * as a settled one; unless a Secret its spec names is missing, which no informer watches, or the API server
   * refused an object, which only trying again can clear. (500 groups without
   * pods, every 5 s, kept the operator saturated: e2e/bin/bench-operator-scale.)
   */
  static Duration resyncAfter(RedisFailoverGroupStatus status, boolean acted, boolean anyPod,
      boolean unwatchedProblem) {
    boolean settled = status.getPhase() == dev.rfg.api.v1alpha1.Phase.Ready && !acted;
    boolean nothingToAsk = !anyPod && !unwatchedProblem;
    return settled || nothingToAsk ? WHILE_READY : WHILE_SETTLING;
  }

  @Override
  public ErrorStatusUpdateControl<RedisFailoverGroup> updateErrorStatus(RedisFailoverGroup group,
      Context<RedisFailoverGroup> context, Exception e) {
    metrics.reconcileFailed();
    RedisFailoverGroupStatus status = group.getStatus() == null ? new RedisFailoverGroupStatus() : group.getStatus();
    status.setMessage("reconcile failed: " + e.getMessage());
    RedisFailoverGroup patch = new RedisFailoverGroup();
    patch.setMetadata(new ObjectMetaBuilder().withName(group.getMetadata().getName())
        .withNamespace(group.getMetadata().getNamespace()).build());
    patch.setStatus(status);
    return ErrorStatusUpdateControl.patchStatus(patch);
  }

  /** Pods belong to the StatefulSet, not the group: map them back by label, so a role change reconciles at once. */
  @Override
  public List<EventSource<?, RedisFailoverGroup>> prepareEventSources(EventSourceContext<RedisFailoverGroup> context) {
    var pods = InformerEventSourceConfiguration.from(Pod.class, RedisFailoverGroup.class)
        .withLabelSelector(GroupLabels.MANAGED_SELECTOR)
        .withSecondaryToPrimaryMapper(pod -> {
          String group = pod.getMetadata().getLabels().get(GroupLabels.GROUP);
          return group == null ? Set.of() : Set.of(new ResourceID(group, pod.getMetadata().getNamespace()));
        })
        .build();
    return List.of(new InformerEventSource<>(pods, context));
  }
}
