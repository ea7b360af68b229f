package org.nicmanager.dos.response;

import org.nicmanager.dos.engine.Responder;
import org.nicmanager.dos.engine.Victim;
import org.nicmanager.kernel.api.vm.MigrationRequest;
import org.nicmanager.kernel.api.vm.MigrationService;

/**
 * Asks for the victim to be migrated to the policy's target host, one with another connection to the network
 * ([0131]-[0132], claim 4). A migration is not undone when the attack ends: the VM lives on the other host then.
 */
public final class RequestMigration implements Responder {

    private final MigrationService migrations;

    public RequestMigration(MigrationService migrations) {
        this.migrations = migrations;
    }

    @Override
    public Outcome apply(Victim victim) {
        MigrationRequest request = migrations.request(victim.vm(), victim.policy().migrationHost(),
                "DoS attack " + victim.attack() + " on " + victim.attackedUplinks());
        return new Outcome("asked host " + request.targetHost() + " to take VM " + request.vm(), null);
    }
}
