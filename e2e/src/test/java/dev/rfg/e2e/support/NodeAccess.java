package dev.rfg.e2e.support;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Faults that need the node itself, for the local cluster of {@code e2e/cluster/cluster.sh}, whose kubelet and
 * containerd run as processes of this machine: the host PID of a container's main process (from containerd,
 * {@code ctr -n k8s.io task ls}), signals to it (a SIGSTOP sent from inside the container to its PID 1 would be
 * ignored), and commands in a pod's network namespace ({@code nsenter -t PID -n}, e.g. iptables).
 *
 * <p>{@link #localOrSkip()} skips the calling test when the cluster is not on this machine or the test does not
 * run as root.
 */
public final class NodeAccess {

  /** The local cluster's containerd; -Drfg.e2e.containerd overrides. */
  public static final Path SOCKET = Path.of(System.getProperty("rfg.e2e.containerd",
      "/run/rfg-cluster/containerd.sock"));
  /** The chain PartitionTest's rules go in, in the pod's network namespace. */
  private static final String CHAIN = "RFG-E2E-PARTITION";

  private NodeAccess() {
  }

  /** The local cluster's node, or the test is skipped (with the reason). */
  public static NodeAccess localOrSkip() {
    Assumptions.assumeTrue(Files.exists(SOCKET), "this test signals and partitions "
        + "containers from the node: it needs the local cluster of e2e/cluster/cluster.sh (containerd at "
        + SOCKET + "), not found");
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")) || isRoot(),
        "this test signals containers and enters their network namespaces: it must run as root");
    for (String tool : List.of("ctr", "nsenter", "iptables", "kill")) {
      Assumptions.assumeTrue(Tools.binary(tool) != null, tool + " is missing on this machine");
    }
    Tools.Result tasks = ctr("task", "ls");
    Assumptions.assumeTrue(tasks.exitCode() == 0, "ctr cannot reach the local containerd: " + tasks.output());
    return new NodeAccess();
  }

  private static boolean isRoot() {
    try {
      return Files.readString(Path.of("/proc/self/status")).lines()
          .anyMatch(l -> l.startsWith("Uid:") && l.split("\\s+")[1].equals("0"));
    } catch (IOException e) {
      return false;
    }
  }

  private static Tools.Result ctr(String... args) {
    List<String> argv = new ArrayList<>(List.of("ctr", "--address", SOCKET.toString(), "-n", "k8s.io"));
    argv.addAll(List.of(args));
    return Tools.run(Duration.ofSeconds(30), Map.of(), argv.toArray(String[]::new));
  }

  /** The host PID of the main process of a container of a running pod (Redis: redis-server). */
  public long hostPid(Pod pod, String container) {
    String id = Stream.concat(pod.getStatus().getContainerStatuses().stream(),
            pod.getStatus().getInitContainerStatuses() == null ? Stream.<ContainerStatus>empty()
                : pod.getStatus().getInitContainerStatuses().stream())
        .filter(s -> s.getName().equals(container)).map(ContainerStatus::getContainerID)
        .findFirst().orElseThrow(() -> new AssertionError("no container " + container + " in "
            + pod.getMetadata().getName()));
    if (id == null || !id.startsWith("containerd://")) {
      throw new AssertionError("container " + container + " of " + pod.getMetadata().getName()
          + " is not a running containerd container: " + id);
    }
    String taskId = id.substring("containerd://".length());
    String tasks = ctr("task", "ls").orFail("ctr task ls").stdout();
    for (String line : tasks.lines().toList()) {
      String[] fields = line.trim().split("\\s+");
      if (fields.length >= 3 && fields[0].equals(taskId)) {
        long pid = Long.parseLong(fields[1]);
        if (pid <= 0) {
          break;
        }
        return pid;
      }
    }
    throw new AssertionError("container " + taskId + " (" + container + " of " + pod.getMetadata().getName()
        + ") has no task in the local containerd: is the cluster the local one?\n" + tasks);
  }

  /** The process's command line, from /proc. */
  public String commandLine(long pid) {
    try {
      return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
          StandardCharsets.UTF_8).replace('\0', ' ').trim();
    } catch (IOException e) {
      return "";
    }
  }

  /** kill -SIGNAL pid, from the host (STOP, CONT, ...). */
  public void signal(long pid, String signal) {
    Tools.run(Duration.ofSeconds(10), Map.of(), "kill", "-" + signal, Long.toString(pid))
        .orFail("kill -" + signal + " " + pid);
  }

  /** A command in the network namespace of the process (nsenter -t pid -n). */
  public Tools.Result inNetworkNamespace(long pid, String... command) {
    List<String> argv = new ArrayList<>(List.of("nsenter", "-t", Long.toString(pid), "-n"));
    argv.addAll(List.of(command));
    return Tools.run(Duration.ofSeconds(30), Map.of(), argv.toArray(String[]::new));
  }

  /**
   * Drops every packet between the network namespace of the process and these IP addresses, both ways (rules in
   * a chain of our own, jumped to from INPUT and OUTPUT). {@link #heal(long)} removes them.
   */
  public void isolate(long pid, List<String> peers) {
    inNetworkNamespace(pid, "iptables", "-w", "-N", CHAIN).orFail("iptables -N " + CHAIN);
    for (String ip : peers) {
      inNetworkNamespace(pid, "iptables", "-w", "-A", CHAIN, "-s", ip, "-j", "DROP").orFail("drop from " + ip);
      inNetworkNamespace(pid, "iptables", "-w", "-A", CHAIN, "-d", ip, "-j", "DROP").orFail("drop to " + ip);
    }
    inNetworkNamespace(pid, "iptables", "-w", "-I", "INPUT", "1", "-j", CHAIN).orFail("jump from INPUT");
    inNetworkNamespace(pid, "iptables", "-w", "-I", "OUTPUT", "1", "-j", CHAIN).orFail("jump from OUTPUT");
  }

  /**
   * Removes what {@link #isolate(long, List)} added; returns false when there was nothing to remove (or the process
   * is gone: then enter the namespace through another of its processes).
   */
  public boolean heal(long pid) {
    if (!Files.exists(Path.of("/proc", Long.toString(pid)))) {
      return false;
    }
    boolean had = inNetworkNamespace(pid, "iptables", "-w", "-D", "INPUT", "-j", CHAIN).exitCode() == 0;
    had |= inNetworkNamespace(pid, "iptables", "-w", "-D", "OUTPUT", "-j", CHAIN).exitCode() == 0;
    inNetworkNamespace(pid, "iptables", "-w", "-F", CHAIN);
    inNetworkNamespace(pid, "iptables", "-w", "-X", CHAIN);
    return had;
  }

  /** The rules in the namespace, for the record. */
  public String rules(long pid) {
    return inNetworkNamespace(pid, "iptables", "-w", "-S").stdout().trim();
  }
}
