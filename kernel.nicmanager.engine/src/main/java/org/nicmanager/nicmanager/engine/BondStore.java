package org.nicmanager.nicmanager.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

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

    /**
     * As {@link #load(List)}, leaving out also each bond {@code check} refuses (an IllegalArgumentException naming the
     * bad value: a policy no service offers, say).
     */
    default List<BondConfig> load(List<String> refusals, Consumer<BondConfig> check) {
        List<BondConfig> kept = new ArrayList<>();
        for (BondConfig bond : load(refusals)) {
            try {
                check.accept(bond);
                kept.add(bond);
            } catch (IllegalArgumentException refused) {
                refusals.add("bond " + bond.name() + " from the configuration was not restored: "
                        + refused.getMessage());
            }
        }
        return kept;
    }

    void save(BondConfig bond);

    void delete(String bond);
}
