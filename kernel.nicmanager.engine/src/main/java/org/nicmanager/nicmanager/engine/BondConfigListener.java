package org.nicmanager.nicmanager.engine;

import java.util.Dictionary;
import java.util.Optional;

import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * Makes the running NIC manager follow bond configurations ({@value ConfigAdminBondStore#FACTORY_PID}) changed outside
 * the {@code bond:} commands: a file in conf/ (through FileInstall) or another tool through ConfigAdmin. A new
 * configuration creates its bond, a changed one brings the live bond to it, a deleted one deletes the bond; one that
 * is refused is logged with the reason and changes nothing. The commands' own writes find the bond as they say, and
 * change nothing.
 *
 * <p>A ConfigurationListener on the whiteboard, rather than a component per factory configuration: the NIC manager
 * already owns the bonds (it restores them when it starts and writes them on every command), so one listener that
 * hands each change to it keeps that single owner. A component per bond would put SCR in charge of when a bond exists,
 * and SCR deactivates it both when its configuration is deleted and when the NIC manager stops, of which only the
 * first may delete the bond. ConfigAdmin delivers events one at a time, in order, on its own thread; the NIC manager
 * changes bonds on the world thread.
 */
@Component(service = ConfigurationListener.class, immediate = true)
public final class BondConfigListener implements ConfigurationListener {

    private final ConfiguredBonds bonds;
    private final ConfigAdminBondStore store;
    private final Logger logger;
    private final BondConfigNames names = new BondConfigNames();

    @Activate
    public BondConfigListener(@Reference ConfiguredBonds bonds, @Reference ConfigurationAdmin configurations,
            @Reference(service = LoggerFactory.class) Logger logger) {
        this.bonds = bonds;
        this.store = new ConfigAdminBondStore(configurations);
        this.logger = logger;
        store.byPid().forEach(names::remember); // so that deleting one of them names its bond
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        if (!ConfigAdminBondStore.FACTORY_PID.equals(event.getFactoryPid())
                || event.getType() == ConfigurationEvent.CM_LOCATION_CHANGED) {
            return; // another service's configuration, or only who may read it changed
        }
        String pid = event.getPid();
        try {
            BondFollowed done = event.getType() == ConfigurationEvent.CM_DELETED ? deleted(pid) : updated(pid);
            if (done.recreated()) {
                logger.warn("{}", done.change());
            } else if (!done.nothing()) {
                logger.info("{}", done.change());
            }
        } catch (IllegalArgumentException refused) {
            logger.error("bond configuration {} not followed; nothing changed: {}", pid, refused.getMessage());
        } catch (IllegalStateException failed) { // ConfigAdmin unreadable, or commands kept changing bonds meanwhile
            logger.error("bond configuration {} not followed: {}", pid, failed.getMessage(), failed);
        }
    }

    private BondFollowed updated(String pid) {
        Optional<Dictionary<String, Object>> properties = store.properties(pid);
        if (properties.isEmpty()) {
            return BondFollowed.NOTHING; // deleted since: its deletion event follows
        }
        return bonds.follow(names.named(pid, properties.get()), () -> read(pid));
    }

    private BondFollowed deleted(String pid) {
        String bond = names.forget(pid);
        if (bond == null) {
            logger.warn("bond configuration {} was deleted, but it never named a bond; no bond changed", pid);
            return BondFollowed.NOTHING;
        }
        return bonds.follow(bond, () -> read(pid));
    }

    /** The configuration as it is now, checked; empty once deleted. */
    private Optional<BondConfig> read(String pid) {
        return store.properties(pid).map(properties -> BondConfigParser.parse(names.named(pid, properties),
                properties));
    }
}
