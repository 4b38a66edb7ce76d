package dev.rfg.sentinel.k8s;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The fencing order and the epoch guard, against an in-memory pod store with resourceVersions. */
class RoleLabelerTest {

    static final class FakePods implements PodStore {
        final Map<String, PodMeta> pods = new LinkedHashMap<>();
        final List<String> writes = new ArrayList<>();
        final List<String> reads = new ArrayList<>();
        int version = 1;
        /** Runs once before the next setRole: a concurrent writer. */
        Runnable interleave;

        void put(String name, String role, long epoch) {
            pods.put(name, new PodMeta(name, Integer.toString(version++), role, epoch));
        }

        @Override
        public PodMeta get(String pod) {
            reads.add(pod);
            return pods.get(pod);
        }

        @Override
        public List<PodMeta> listWithRole(String role) {
            return pods.values().stream().filter(p -> role.equals(p.role())).toList();
        }

        @Override
        public List<PodMeta> listGroup() {
            return List.copyOf(pods.values());
        }

        @Override
        public boolean setRole(String pod, String rv, String role, long epoch) throws IOException {
            if (interleave != null) {
                Runnable r = interleave;
                interleave = null;
                r.run();
            }
            PodMeta p = pods.get(pod);
            if (!p.resourceVersion().equals(rv)) {
                return false;
            }
            put(pod, role, epoch);
            writes.add(pod + "=" + role + "@" + epoch);
            return true;
        }
    }

    @Test
    void oldMasterIsDemotedBeforeTheNewMasterIsLabelled() {
        FakePods f = new FakePods();
        f.put("g-0", "master", 1);
        f.put("g-1", "replica", 1);
        f.put("g-2", "replica", 1);
        List<RoleLabeler.Outcome> out = new RoleLabeler(f).switchMaster("g-0", "g-1", 2);
        assertThat(f.writes).containsExactly("g-0=replica@2", "g-1=master@2");
        assertThat(out).containsExactly(RoleLabeler.Outcome.WRITTEN, RoleLabeler.Outcome.WRITTEN);
        assertThat(f.listWithRole("master")).extracting(PodStore.PodMeta::name).containsExactly("g-1");
    }

    @Test
    void oneListOfTheGroupServesEveryWriteWithoutAnyRead() {
        FakePods f = new FakePods();
        f.put("g-0", "master", 1);
        f.put("g-1", "replica", 1);
        new RoleLabeler(f).switchMaster("g-0", "g-1", 2);
        // The list already carried both resourceVersions: no read before either write.
        assertThat(f.reads).isEmpty();
        assertThat(f.writes).containsExactly("g-0=replica@2", "g-1=master@2");
    }

    @Test
    void aNewMasterThatChangedAfterTheListIsReadAgain() {
        FakePods f = new FakePods();
        f.put("g-0", "master", 1);
        f.put("g-1", "replica", 1);
        f.put("g-2", "replica", 1);
        // Between the list and the writes, another writer touches g-1: its listed resourceVersion is stale.
        f.interleave = () -> f.put("g-1", "replica", 1);
        new RoleLabeler(f).switchMaster("g-0", "g-1", 2);
        assertThat(f.reads).containsExactly("g-1");
        assertThat(f.writes).containsExactly("g-0=replica@2", "g-1=master@2");
    }

    @Test
    void aListedMasterThatChangedMeanwhileIsReadAgainAndStillFenced() {
        FakePods f = new FakePods();
        f.put("g-0", "master", 1);
        f.put("g-1", "replica", 1);
        // Between the list and the write, a newer leader (epoch 5) demotes g-0 and promotes g-0 again.
        f.interleave = () -> f.put("g-0", "master", 5);
        List<RoleLabeler.Outcome> out = new RoleLabeler(f).switchMaster("g-0", "g-1", 2);
        assertThat(out).containsExactly(RoleLabeler.Outcome.REFUSED_STALE);
        assertThat(f.pods.get("g-1").role()).isEqualTo("replica");
    }

    @Test
    void anyOtherPodLabelledMasterIsDemotedFirstToo() {
        FakePods f = new FakePods();
        f.put("g-0", "replica", 3);
        f.put("g-1", "replica", 3);
        f.put("g-2", "master", 2); // a lagging label
        new RoleLabeler(f).switchMaster(null, "g-0", 4);
        assertThat(f.writes).containsExactly("g-2=replica@4", "g-0=master@4");
    }

    @Test
    void aStaleWriterIsRefusedAndNeverLabelsItsMaster() {
        FakePods f = new FakePods();
        f.put("g-0", "replica", 5);
        f.put("g-1", "master", 5);
        f.put("g-2", "replica", 5);
        // A leader of epoch 4 (stale) wants g-1 demoted and g-0 master.
        List<RoleLabeler.Outcome> out = new RoleLabeler(f).switchMaster("g-1", "g-0", 4);
        assertThat(out).containsExactly(RoleLabeler.Outcome.REFUSED_STALE);
        assertThat(f.writes).isEmpty();
        assertThat(new RoleLabeler(f).set("g-2", "master", 4)).isEqualTo(RoleLabeler.Outcome.REFUSED_STALE);
    }

    @Test
    void equalOrNewerEpochsWriteAndRepeatsAreNoOps() {
        FakePods f = new FakePods();
        f.put("g-0", "replica", -1);
        RoleLabeler l = new RoleLabeler(f);
        assertThat(l.set("g-0", "master", 0)).isEqualTo(RoleLabeler.Outcome.WRITTEN);
        assertThat(l.set("g-0", "master", 0)).isEqualTo(RoleLabeler.Outcome.UNCHANGED);
        assertThat(l.set("g-0", "replica", 0)).isEqualTo(RoleLabeler.Outcome.WRITTEN);
        assertThat(l.set("missing", "replica", 0)).isEqualTo(RoleLabeler.Outcome.MISSING);
    }

    @Test
    void aConcurrentNewerWriteBetweenReadAndPatchWins() {
        FakePods f = new FakePods();
        f.put("g-0", "master", 1);
        // Between our read (epoch 1) and our patch, a writer at epoch 3 labels it replica.
        f.interleave = () -> f.put("g-0", "replica", 3);
        RoleLabeler.Outcome o = new RoleLabeler(f).set("g-0", "master", 2);
        assertThat(o).isEqualTo(RoleLabeler.Outcome.REFUSED_STALE);
        assertThat(f.get("g-0").role()).isEqualTo("replica");
        assertThat(f.get("g-0").roleEpoch()).isEqualTo(3);
    }
}
