package org.nicmanager.sim.network.cards;

import java.util.Optional;
import java.util.SortedMap;

import org.nicmanager.sim.api.NicModel;

/** What the commands ask of the driver extender (a service private to sim.network). */
public interface DriverCatalog {

    /** The models with a driver registered now, by model name. */
    SortedMap<String, NicModel> models();

    /** Why the configured card of that name is not built, if it is configured and not built. */
    Optional<String> problem(String cardName);
}
