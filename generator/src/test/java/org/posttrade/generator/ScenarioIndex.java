package org.posttrade.generator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.posttrade.contracts.Stream;
import org.posttrade.schema.CustodianConfirmation;
import org.posttrade.schema.ExecutionReport;
import org.posttrade.schema.InternalTrade;
import org.posttrade.schema.VenueConfirmation;

/** A scenario's well-formed records indexed the way a reconciliation joins them. */
final class ScenarioIndex {
    final Map<String, InternalTrade> bookingsByClOrdId = new LinkedHashMap<>();
    final Map<String, List<ExecutionReport>> reportsByClOrdId = new LinkedHashMap<>();
    final Map<String, ExecutionReport> reportsByVenueExecId = new LinkedHashMap<>();
    final Map<String, List<VenueConfirmation>> confirmationsByVenueExecId = new LinkedHashMap<>();
    final Map<String, List<CustodianConfirmation>> updatesByMovementId = new LinkedHashMap<>();

    ScenarioIndex(Scenario scenario) {
        for (InternalTrade booking : scenario.records(Stream.INTERNAL_TRADES, InternalTrade.class)) {
            bookingsByClOrdId.put(booking.getClOrdId(), booking);
        }
        for (ExecutionReport report : scenario.records(Stream.EXECUTION_REPORTS, ExecutionReport.class)) {
            reportsByClOrdId.computeIfAbsent(report.getClOrdId(), k -> new ArrayList<>()).add(report);
            reportsByVenueExecId.put(report.getVenue() + "/" + report.getExecId(), report);
        }
        for (VenueConfirmation c : scenario.records(Stream.VENUE_CONFIRMATIONS, VenueConfirmation.class)) {
            confirmationsByVenueExecId.computeIfAbsent(c.getVenue() + "/" + c.getExecId(), k -> new ArrayList<>()).add(c);
        }
        for (CustodianConfirmation u : scenario.records(Stream.CUSTODIAN_CONFIRMATIONS, CustodianConfirmation.class)) {
            updatesByMovementId.computeIfAbsent(u.getMovementId(), k -> new ArrayList<>()).add(u);
        }
    }

    List<VenueConfirmation> confirmations(String venue, String execId) {
        return confirmationsByVenueExecId.getOrDefault(venue + "/" + execId, List.of());
    }

    List<ExecutionReport> reports(String clOrdId) {
        return reportsByClOrdId.getOrDefault(clOrdId, List.of());
    }

    /** The last report of a movement. */
    CustodianConfirmation finalUpdate(String movementId) {
        List<CustodianConfirmation> updates = updatesByMovementId.get(movementId);
        return updates.get(updates.size() - 1);
    }
}
