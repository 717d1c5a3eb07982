package org.posttrade.operators.reconciliation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.posttrade.schema.EvidenceRef;

/** Evidence lists: merged without duplicates and in a deterministic order, whatever the arrival order. */
public final class Evidence {
    private Evidence() {}

    private static final Comparator<EvidenceRef> ORDER = Comparator
            .comparing((EvidenceRef e) -> e.getEventType())
            .thenComparing(e -> e.getEventId())
            .thenComparing(e -> e.getTopic() == null ? "" : e.getTopic())
            .thenComparing(e -> e.getPartition() == null ? -1 : e.getPartition())
            .thenComparing(e -> e.getOffset() == null ? -1L : e.getOffset());

    /** The union of the given lists, each reference once, sorted by type, event id and Kafka coordinates. */
    @SafeVarargs
    public static List<EvidenceRef> merge(Collection<EvidenceRef>... lists) {
        Map<String, EvidenceRef> unique = new LinkedHashMap<>();
        for (Collection<EvidenceRef> list : lists) {
            if (list == null) {
                continue;
            }
            for (EvidenceRef ref : list) {
                if (ref != null) {
                    unique.putIfAbsent(keyOf(ref), ref);
                }
            }
        }
        List<EvidenceRef> out = new ArrayList<>(unique.values());
        out.sort(ORDER);
        return out;
    }

    public static List<EvidenceRef> of(EvidenceRef... refs) {
        return merge(List.of(refs));
    }

    private static String keyOf(EvidenceRef e) {
        return e.getEventType() + "|" + e.getEventId() + "|" + Objects.toString(e.getTopic()) + "|"
                + Objects.toString(e.getPartition()) + "|" + Objects.toString(e.getOffset());
    }
}
