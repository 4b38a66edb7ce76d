package dev.rfg.operator.status;

import dev.rfg.operator.render.GroupNames;

import java.util.List;

/** Asks the group's sentinels what they know. The operator's view comes from here, not from its own plans. */
public interface SentinelQuery {

  List<SentinelReport> ask(GroupNames names, List<String> pods, String password);
}
