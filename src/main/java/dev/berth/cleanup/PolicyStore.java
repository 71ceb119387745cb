package dev.berth.cleanup;

import java.io.IOException;
import java.util.Optional;

/**
 * Where a connection's cleanup policy is kept, as the JSON {@link dev.berth.cleanup.PolicyFiles}
 * writes. An interface so the cleanup pane does not know how connections are stored. Blocking.
 */
public interface PolicyStore {

    /** For panes whose connections keep no policy (tools and tests). */
    PolicyStore NONE = new PolicyStore() {
        @Override
        public Optional<String> load(String connectionId) {
            return Optional.empty();
        }

        @Override
        public void save(String connectionId, String policyJson) throws IOException {
            throw new IOException("This connection cannot keep a cleanup policy; export the policy to a file instead.");
        }
    };

    Optional<String> load(String connectionId) throws IOException;

    void save(String connectionId, String policyJson) throws IOException;
}
