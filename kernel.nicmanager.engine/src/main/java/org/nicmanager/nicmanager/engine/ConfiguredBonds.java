package org.nicmanager.nicmanager.engine;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a bond configuration changed outside the {@code bond:} commands asks of the NIC manager: bring the live bond to
 * it. The {@link BondConfigListener} calls it; each NIC manager variant registers it.
 */
public interface ConfiguredBonds {

    /**
     * Brings a bond to what its configuration holds now, in the world: creates, changes or deletes it.
     *
     * @param bond the bond's name
     * @param configuration reads the configuration as it is now; empty once it is deleted. It may be read more than
     *            once, when {@code bond:} commands change bonds meanwhile
     * @return what changed, for the log; {@link BondFollowed#nothing()} when the live bond already matched (the
     *         commands' own writes)
     * @throws IllegalArgumentException when the configuration is refused, naming the value and the rule; nothing
     *             changed
     */
    BondFollowed follow(String bond, Supplier<Optional<BondConfig>> configuration);
}
