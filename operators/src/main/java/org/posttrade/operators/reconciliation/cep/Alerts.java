package org.posttrade.operators.reconciliation.cep;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;
import org.posttrade.operators.reconciliation.BreakIds;
import org.posttrade.operators.reconciliation.Evidence;
import org.posttrade.operators.reconciliation.ReconciliationConfig;
import org.posttrade.schema.Alert;
import org.posttrade.schema.AlertType;
import org.posttrade.schema.EvidenceRef;
import org.posttrade.schema.ReconciliationBreak;
import org.posttrade.schema.TradeLifecycleEvent;

/** Builds alerts: deterministic ids (a hash of type, key and window start), severities from the configuration. */
public final class Alerts {
    private Alerts() {}

    public static final TypeInformation<Alert> TYPE = TypeInformation.of(Alert.class);

    /** Where patterns that alert on a timed-out partial match put their alerts. */
    public static final OutputTag<Alert> TIMED_OUT = new OutputTag<>("timed-out-alerts", TYPE);

    public static String alertId(AlertType type, String key, long windowStart) {
        return BreakIds.hash("ALERT", type.name(), key, Long.toString(windowStart));
    }

    /** The evidence reference of a break version: derived inside the job, so without Kafka coordinates. */
    public static EvidenceRef evidence(ReconciliationBreak b) {
        return EvidenceRef.newBuilder().setEventType("ReconciliationBreak")
                .setEventId(b.getBreakId() + "/" + b.getVersion()).setTopic(null).setPartition(null).setOffset(null)
                .build();
    }

    public static EvidenceRef evidence(TradeLifecycleEvent e) {
        return EvidenceRef.newBuilder().setEventType("TradeLifecycleEvent").setEventId(e.getLifecycleId())
                .setTopic(null).setPartition(null).setOffset(null).build();
    }

    static Alert ofBreaks(AlertType type, String key, String venue, String instrument, String description,
                          List<ReconciliationBreak> breaks, long windowEnd, ReconciliationConfig config) {
        long start = breaks.get(0).getEventTime().toEpochMilli();
        List<String> ids = new ArrayList<>();
        List<EvidenceRef> evidence = new ArrayList<>();
        for (ReconciliationBreak b : breaks) {
            if (!ids.contains(b.getBreakId())) {
                ids.add(b.getBreakId());
            }
            evidence.add(evidence(b));
        }
        return build(type, key, venue, instrument, description, start, windowEnd, ids, Evidence.merge(evidence), config);
    }

    static Alert build(AlertType type, String key, String venue, String instrument, String description, long start,
                       long end, List<String> breakIds, List<EvidenceRef> evidence, ReconciliationConfig config) {
        return Alert.newBuilder()
                .setAlertId(alertId(type, key, start))
                .setAlertType(type)
                .setSeverity(config.alertSeverity(type))
                .setAlertKey(key)
                .setVenue(venue)
                .setInstrument(instrument)
                .setDescription(description)
                .setWindowStart(Instant.ofEpochMilli(start))
                .setWindowEnd(Instant.ofEpochMilli(end))
                .setBreakIds(breakIds)
                .setDetectedTime(Instant.ofEpochMilli(end))
                .setEvidence(evidence)
                .build();
    }

    /** A new detection of a break: its first version, or a re-opening (an OPEN version at its detection time). */
    static boolean isNewlyOpen(ReconciliationBreak b) {
        return b.getStatus() == org.posttrade.schema.BreakStatus.OPEN && b.getEventTime().equals(b.getDetectedTime());
    }
}
