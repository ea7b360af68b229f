package com.example.speedweighted;

import org.nicmanager.kernel.api.distribution.BondDistributor;
import org.nicmanager.kernel.api.distribution.DistributionPolicy;
import org.nicmanager.kernel.api.distribution.PolicyContext;
import org.osgi.service.component.annotations.Component;

/**
 * {@code speed-weighted}: spreads flows over a bond's members in proportion to each member's line rate, so that an
 * e1000 beside an e100 carries ten times the flows. Each flow stays on one member (its frames stay in order); when a
 * member fails, only its flows move, to the survivors by their speed. Needs nothing beyond the members and the frames'
 * flow hash, so both NIC manager variants can run it.
 */
@Component(service = DistributionPolicy.class, property = DistributionPolicy.NAME_PROPERTY + "="
        + SpeedWeightedPolicy.NAME)
public final class SpeedWeightedPolicy implements DistributionPolicy {

    public static final String NAME = "speed-weighted";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public BondDistributor create(PolicyContext bond) {
        return new SpeedWeightedBuckets(bond.members());
    }
}
