package org.nicmanager.nicmanager.engine;

import java.util.List;

/** Where bonds are kept between NIC managers: ConfigAdmin in the components. Called off the world thread. */
public interface BondStore {

    BondStore NONE = new BondStore() {
        @Override
        public List<BondConfig> load(List<String> refusals) {
            return List.of();
        }

        @Override
        public void save(BondConfig bond) {
        }

        @Override
        public void delete(String bond) {
        }
    };

    /**
     * Every stored bond that reads; each one that does not is left out, and why is added to {@code refusals}, so that
     * one bad configuration (a hand-edited file, say) keeps no NIC manager from starting.
     */
    List<BondConfig> load(List<String> refusals);

    void save(BondConfig bond);

    void delete(String bond);
}
