package org.nicmanager.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;

/**
 * Issue 18 point 2 on the operator dashboard, in headless Chromium: each bond member's role by its bond's policy
 * (ACTIVE, STANDBY, NOT_SELECTED with the reason on hover) and the members carrying traffic now, for active-backup,
 * LACP with a member of another key (an e100 beside an e1000), and a spreading policy; the NIC table gives each NIC's
 * role. The host runs on the virtual clock, so the page shows one settled moment. A screenshot is left in
 * {@code itests/target/dashboard-roles.png}.
 */
class DashboardRolesTest {

    private static final Path SCREENSHOT = Path.of("target", "dashboard-roles.png");
    private static final List<String> HOST = List.of(
            "hw:switch add swR --ports 8",
            "hw:switch add swL --ports 8 --lacp active --lacp-rate fast",
            "hw:nic add ab0 --model e1000 --switch swR",
            "hw:nic add ab1 --model e1000 --switch swR",
            "hw:nic add rr0 --model e1000 --switch swR",
            "hw:nic add rr1 --model e1000 --switch swR",
            "hw:nic add lg0 --model e1000 --switch swL",
            "hw:nic add lg1 --model e100 --switch swL",
            "bond:create ab --policy failover-order",
            "bond:add ab ab0 ab1",
            "bond:create rr --policy round-robin",
            "bond:add rr rr0 rr1",
            "bond:create lg --policy hash-l34 --lacp active --lacp-rate fast",
            "bond:add lg lg0 lg1",
            "kernel:advance 3s");

    /** A script that reads member {@code nic}'s role in bond {@code bond}'s row of the bonds table. */
    private static String role(String bond, String nic) {
        return "document.querySelector('#bonds tr[data-bond=\"" + bond + "\"] [data-member=\"" + nic
                + "\"]')?.dataset.role";
    }

    private static String carrying(String bond) {
        return "document.querySelector('#bonds tr[data-bond=\"" + bond + "\"] .carrying')?.textContent";
    }

    @Test
    void theDashboardShowsEveryMembersRoleAndWhoCarriesTrafficNow() throws Exception {
        DashboardBrowser.requireChromium();
        try (DemoHostProcess host = new DemoHostProcess(List.of(), List.of("--clock", "virtual", "--bare",
                "--http-port", "0"))) {
            String dashboard = host.dashboard();
            for (String command : HOST) {
                host.type(command);
            }
            JsonObject lg = host.json("bond:show lg --json", "name"); // answered once every command before it ran
            try (DashboardBrowser page = new DashboardBrowser(dashboard)) {
                page.awaitTrue(role("ab", "ab0") + " === 'ACTIVE' && " + role("ab", "ab1") + " === 'STANDBY'",
                        "active-backup: ab0 ACTIVE, ab1 STANDBY");
                page.awaitTrue(role("rr", "rr0") + " === 'ACTIVE' && " + role("rr", "rr1") + " === 'ACTIVE'",
                        "round-robin: both ACTIVE");
                page.awaitTrue(role("lg", "lg0") + " === 'ACTIVE' && " + role("lg", "lg1") + " === 'NOT_SELECTED'",
                        "LACP: lg1, of another key, NOT_SELECTED");
                assertEquals("ab0", page.evaluate(carrying("ab")).getAsString());
                assertEquals("rr0, rr1", page.evaluate(carrying("rr")).getAsString());
                assertEquals("lg0", page.evaluate(carrying("lg")).getAsString());
                String reason = lg.getAsJsonArray("members").get(1).getAsJsonObject().get("roleReason").getAsString();
                assertEquals(reason, page.evaluate("document.querySelector('#bonds [data-member=\"lg1\"]').title")
                        .getAsString(), "the reason, on hover");
                assertEquals("lg1 UP NOT_SELECTED", page.evaluate(
                        "document.querySelector('#bonds [data-member=\"lg1\"]').textContent").getAsString());
                assertEquals("STANDBY", page.evaluate(
                        "document.querySelector('[data-nic-row=\"ab1\"] .nic-role').textContent").getAsString());
                page.screenshot(SCREENSHOT);
            }
            assertEquals(0, host.exit(), host.errors());
        }
    }
}
