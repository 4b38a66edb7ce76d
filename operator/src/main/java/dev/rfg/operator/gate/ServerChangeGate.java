package dev.rfg.operator.gate;

import dev.rfg.operator.render.RedisContainerRenderer;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Decides whether the server image of the spec may replace the images the group runs, before anything is
 * rendered: a new image that cannot work is refused while every pod keeps running, with a message saying why.
 * Refused: a server older than RFG supports, and a line that writes an older RDB format than one the group runs
 * (its pods could not take their first sync from the running master: a downgrade such as 8.0 → 7.0, or
 * Redis 8.0 → Valkey 8.1). Unknown images pass (see {@link ServerImage}). The CRD's CEL rule refuses a Redis
 * before 7.0 too; the gate repeats it because Helm never upgrades a CRD, so a cluster may hold an older one.
 */
public final class ServerChangeGate {

  private ServerChangeGate() {
  }

  /** Why {@code desired} may not replace {@code running} (the template's and the pods' images), or null. */
  public static String problem(String desired, Collection<String> running) {
    Optional<ServerImage> wanted = ServerImage.parse(desired);
    if (wanted.isEmpty()) {
      return null;
    }
    ServerImage next = wanted.get();
    if (next.unsupported()) {
      return "spec.redis.image " + desired + " is " + next + ", older than RFG supports (Redis 7.0 or later, "
          + "Valkey 7.2 or later)";
    }
    Optional<Integer> nextFormat = next.rdbFormat();
    if (nextFormat.isEmpty()) {
      return null;
    }
    for (String image : new TreeSet<>(running)) { // sorted: the same message on every reconcile
      Optional<ServerImage> now = ServerImage.parse(image);
      Optional<Integer> nowFormat = now.flatMap(ServerImage::rdbFormat);
      if (nowFormat.isPresent() && nowFormat.get() > nextFormat.get()) {
        return "spec.redis.image " + desired + " (" + next + ", RDB format " + nextFormat.get() + ") cannot replace "
            + image + " (" + now.get() + ", RDB format " + nowFormat.get() + "), which the group runs: a server "
            + "loads RDB formats up to its own only, so its pods could not sync from the running master. Set "
            + "spec.redis.image back to " + image + ", or move the data to a new group another way";
      }
    }
    return null;
  }

  /** The server images the group runs or is rolling out: its StatefulSet's template and every pod's. */
  public static Set<String> runningImages(Optional<StatefulSet> statefulSet, List<Pod> pods) {
    Stream<PodSpec> specs = Stream.concat(
        statefulSet.map(s -> s.getSpec().getTemplate().getSpec()).stream(),
        pods.stream().map(Pod::getSpec));
    return specs.filter(s -> s != null && s.getContainers() != null)
        .flatMap(s -> s.getContainers().stream())
        .filter(c -> RedisContainerRenderer.NAME.equals(c.getName()))
        .map(Container::getImage)
        .filter(i -> i != null)
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
