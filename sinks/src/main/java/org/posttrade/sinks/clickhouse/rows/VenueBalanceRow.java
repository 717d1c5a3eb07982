package org.posttrade.sinks.clickhouse.rows;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import org.posttrade.schema.EvidenceRef;

/**
 * One version of an account's balance of one asset at one venue, for table {@code venue_balances}: the exposure per
 * venue from fills (fees included). {@code unsettled} is the settlement feed's hook (null until a settlement join
 * fills it). Version is per (venue, account, asset); asOf is epoch milliseconds, UTC.
 */
public record VenueBalanceRow(String venue, String account, String asset, long version, BigDecimal quantity,
                              BigDecimal unsettled, long asOf, List<EvidenceRef> evidence) implements Serializable {
    public VenueBalanceRow {
        Objects.requireNonNull(venue, "venue");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(quantity, "quantity");
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    /** VENUE/ACCOUNT/ASSET. */
    public String key() {
        return venue + "/" + account + "/" + asset;
    }
}
