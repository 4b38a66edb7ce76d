package dev.rfg.sentinel.engine;

import dev.rfg.sentinel.engine.FailoverTransitions.Transition;
import dev.rfg.sentinel.engine.FailoverTransitions.Trigger;
import dev.rfg.sentinel.link.FakeLinks;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.redis.ErrorRedisMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each row of the failover table, driven through the state machine on a fake clock with fake links, one step per
 * call (fast paths off, as stock runs it: one step per timer tick).
 */
class FailoverTransitionsTest {
    private static final String REPLICA_INFO = "# Replication\r\nrole:slave\r\nmaster_host:10.0.0.10\r\n"
            + "master_port:6379\r\nmaster_link_status:up\r\nslave_repl_offset:100\r\nslave_priority:100\r\n";
    private static final String MASTER_INFO = "# Replication\r\nrole:master\r\nconnected_slaves:0\r\n";

    private EngineFixture f;
    private MasterInstance m;

    @BeforeEach
    void group() {
        f = new EngineFixture();
        f.s.fastPaths = false;
        m = f.master("m", "10.0.0.10", 6379);
        m.failoverTimeoutMs = 10_000;
    }

    @Test
    void theTableHasOneRowPerStateAndTriggerAndAWayOutOfEveryState() {
        Set<FailoverState> left = EnumSet.noneOf(FailoverState.class);
        for (Transition t : FailoverTransitions.TABLE) {
            left.add(t.from());
            assertThat(t.event()).startsWith(t.to() == FailoverState.NONE && t.on() != Trigger.CONFIG_SWITCHED
                    ? "-failover-abort" : "+");
        }
        assertThat(left).isEqualTo(EnumSet.complementOf(EnumSet.of(FailoverState.NONE)));
        assertThatThrownBy(() -> FailoverTransitions.lookup(FailoverState.WAIT_START, Trigger.PROMOTED))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void waitStartNotElectedWithinTheElectionTimeoutAborts() {
        f.s.failover.start(m, false);
        step();
        assertThat(m.failoverState).isEqualTo(FailoverState.WAIT_START);
        f.clock.advance(f.s.timers.electionTimeout + 1_001);
        step();
        assertThat(m.failoverState).isEqualTo(FailoverState.NONE);
        assertThat(m.has(Flag.FAILOVER_IN_PROGRESS)).isFalse();
        assertThat(f.eventTypes()).endsWith("-failover-abort-not-elected");
    }

    @Test
    void electedWithoutAGoodReplicaAbortsInSelectSlave() {
        m.quorum = 1;
        f.s.failover.start(m, false);
        f.clock.advance(1_001);
        step();
        assertThat(m.failoverState).isEqualTo(FailoverState.SELECT_SLAVE);
        assertThat(f.eventTypes()).contains("+elected-leader").endsWith("+failover-state-select-slave");
        step();
        assertThat(m.failoverState).isEqualTo(FailoverState.NONE);
        assertThat(f.eventTypes()).endsWith("-failover-abort-no-good-slave");
    }

    @Test
    void aPromotionRunsThroughEveryStateToTheConfigSwitch() {
        ReplicaInstance r = goodReplica("10.0.0.11");
        EmbeddedChannel rc = f.connect(r);
        forcedToSendSlaveOf();
        assertThat(m.promoted).isSameAs(r);
        assertThat(r.has(Flag.PROMOTED)).isTrue();
        step();
        assertThat(m.failoverState).isEqualTo(FailoverState.WAIT_PROMOTION);
        assertThat(FakeLinks.sentCommands(rc)).contains(List.of("SLAVEOF", "NO", "ONE"));

        // The acknowledging INFO runs the next step at once: with no other replica, reconfiguration is done.
        f.s.info.refresh(r, MASTER_INFO);
        assertThat(m.configEpoch).isEqualTo(m.failoverEpoch);
        assertThat(m.failoverState).isEqualTo(FailoverState.UPDATE_CONFIG);
        assertThat(f.eventTypes()).containsSubsequence("+promoted-slave", "+failover-state-reconf-slaves",
                "+failover-end");

        f.s.failover.switchToPromoted(m);
        assertThat(m.failoverState).isEqualTo(FailoverState.NONE);
        assertThat(m.addrString()).isEqualTo("10.0.0.11:6379");
        assertThat(f.events.stream().filter(e -> e.type().equals("+switch-master")).map(e -> e.payload()))
                .containsExactly("m 10.0.0.10 6379 10.0.0.11 6379");
    }

    @Test
    void noPromotionWithinFailoverTimeoutAborts() {
        ReplicaInstance r = goodReplica("10.0.0.11");
        f.connect(r);
        forcedToSendSlaveOf();
        step();
        assertThat(m.failoverState).isEqualTo(FailoverState.WAIT_PROMOTION);
        f.clock.advance(m.failoverTimeoutMs + 1);
        step();
        assertThat(m.failoverState).isEqualTo(FailoverState.NONE);
        assertThat(r.has(Flag.PROMOTED)).isFalse();
        assertThat(f.eventTypes()).endsWith("-failover-abort-slave-timeout");
    }

    @Test
    void aReconfigurationThatOutlastsFailoverTimeoutEndsForTimeout() {
        ReplicaInstance r = goodReplica("10.0.0.11");
        ReplicaInstance other = goodReplica("10.0.0.12");
        other.slavePriority = 0;
        f.connect(r);
        EmbeddedChannel oc = f.connect(other);
        forcedToSendSlaveOf();
        step();
        f.s.info.refresh(r, MASTER_INFO);
        assertThat(FakeLinks.sentCommands(oc)).contains(List.of("SLAVEOF", "10.0.0.11", "6379"));
        assertThat(m.failoverState).isEqualTo(FailoverState.RECONF_SLAVES);
        f.clock.advance(m.failoverTimeoutMs + 1);
        step();
        assertThat(m.failoverState).isEqualTo(FailoverState.UPDATE_CONFIG);
        assertThat(f.eventTypes()).containsSubsequence("+failover-end-for-timeout", "+failover-end");
    }

    @Test
    void aSwitchoverRefusedByTheMasterAborts() {
        ReplicaInstance r = goodReplica("10.0.0.11");
        f.connect(r);
        EmbeddedChannel mc = f.connect(m);
        m.switchoverTarget = r;
        forcedToSendSlaveOf();
        step();
        assertThat(m.failoverState).isEqualTo(FailoverState.WAIT_PROMOTION);
        assertThat(FakeLinks.sentCommands(mc)).anyMatch(c -> c.get(0).equals("FAILOVER"));
        mc.writeInbound(new ErrorRedisMessage("ERR FAILOVER target is not a replica"));
        assertThat(m.failoverState).isEqualTo(FailoverState.NONE);
        assertThat(f.events.get(f.events.size() - 1).payload()).endsWith("ERR FAILOVER target is not a replica");
        assertThat(f.eventTypes()).endsWith("-failover-abort-switchover-refused");
    }

    private ReplicaInstance goodReplica(String host) {
        ReplicaInstance r = f.s.addReplica(m, host, 6379);
        f.s.info.refresh(r, REPLICA_INFO);
        r.link.lastAvailTime = f.clock.now();
        return r;
    }

    /** A forced failover (SENTINEL FAILOVER) up to SEND_SLAVEOF_NOONE. */
    private void forcedToSendSlaveOf() {
        f.s.failover.start(m, true);
        step();
        assertThat(m.failoverState).isEqualTo(FailoverState.SELECT_SLAVE);
        step();
        assertThat(m.failoverState).isEqualTo(FailoverState.SEND_SLAVEOF_NOONE);
        assertThat(f.eventTypes()).containsSubsequence("+selected-slave", "+failover-state-send-slaveof-noone");
    }

    private void step() {
        f.s.failover.run(m);
    }
}
