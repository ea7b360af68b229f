package org.nicmanager.sim.api;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** The simulated physical world, as driver bundles see it. Call on the network world's thread. */
@ProviderType
public interface SimulatedWorld {

    /**
     * Builds a card of {@code model} with a fresh burned-in MAC, cabled to the lowest free port of {@code switchName}.
     *
     * @throws IllegalArgumentException naming the problem: an unknown switch (and the switches there are), a full
     *             switch, or a name already taken by a NIC or host; nothing changes
     */
    SimulatedCard createCard(String name, NicModel model, String switchName);

    /** Unplugs and forgets a card; frames still on its ring are counted as dropped. Unknown names are ignored. */
    void destroyCard(String name);

    Optional<SimulatedCard> card(String name);
}
