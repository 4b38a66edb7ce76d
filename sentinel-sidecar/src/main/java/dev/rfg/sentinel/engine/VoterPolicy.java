package dev.rfg.sentinel.engine;

/**
 * How many voters an election is counted against. Stock Sentinel counts every sentinel ever seen
 * plus itself; a Kubernetes deployment can count the configured group size instead.
 */
@FunctionalInterface
public interface VoterPolicy {
    int voters(MasterInstance master);

    VoterPolicy EVER_SEEN = master -> master.sentinels.size() + 1;

    static VoterPolicy fixed(int groupSize) {
        return master -> groupSize;
    }
}
