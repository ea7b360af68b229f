package org.nicmanager.resource.shell;

import java.util.ArrayList;
import java.util.List;

import org.nicmanager.resource.scheduler.WhatIf;

/** {@code net:whatif} for people: one row per VM of every uplink the failure touches. */
public record WhatIfTable(List<Row> vms) {

    public record Row(String uplink, String capacityNow, String capacityAfter, String vm, int priority, int shares,
            String reservation, String reservationHolds, String limit, String offered, String expected,
            boolean fullyServed) {
    }

    static WhatIfTable of(List<WhatIf> answers) {
        List<Row> rows = new ArrayList<>();
        for (WhatIf answer : answers) {
            for (WhatIf.Verdict vm : answer.vms()) {
                rows.add(new Row(answer.uplink(), StatsTable.rate(answer.capacityBps()),
                        StatsTable.rate(answer.capacityAfterBps()), vm.vm(), vm.priority(), vm.shares(),
                        vm.reservationBps() == 0 ? "-" : StatsTable.rate(vm.reservationBps()),
                        vm.reservationBps() == 0 ? "-" : String.valueOf(vm.reservationHolds()),
                        vm.limitBps() == 0 ? "-" : StatsTable.rate(vm.limitBps()), StatsTable.rate(vm.offeredBps()),
                        StatsTable.rate(vm.expectedBps()), vm.fullyServed()));
            }
        }
        return new WhatIfTable(rows);
    }
}
