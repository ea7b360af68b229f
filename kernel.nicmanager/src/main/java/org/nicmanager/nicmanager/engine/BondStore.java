package org.nicmanager.nicmanager.engine;

import java.util.List;

/** Where bonds are kept between NIC managers: ConfigAdmin in the components. Called off the world thread. */
public interface BondStore {

    BondStore NONE = new BondStore() {
        @Override
        public List<BondConfig> load() {
            return List.of();
        }

        @Override
        public void save(BondConfig bond) {
        }

        @Override
        public void delete(String bond) {
        }
    };

    List<BondConfig> load();

    void save(BondConfig bond);

    void delete(String bond);
}
