package org.posttrade.operators.positions;

import java.math.BigDecimal;
import java.util.List;
import org.posttrade.schema.EvidenceRef;

/**
 * An account's balance of one asset at one venue, from its fills (fees included): the exposure per venue.
 * {@code unsettled} stays null (positions do not know what has settled); in the jobs, ClickHouse views put the
 * balance next to settlement's open amounts ({@code v_venue_exposure_unsettled}) and give the exposure per custodian
 * ({@code v_custodian_exposure_unsettled}, {@code v_custodian_balances}): operators/POSITIONS.md, "Exposure".
 */
public record VenueBalance(String venue, String account, String asset, BigDecimal quantity, BigDecimal unsettled,
                           long version, long asOf, List<EvidenceRef> evidence) {
    public VenueBalance {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    /** VENUE/ACCOUNT/ASSET. */
    public String key() {
        return venue + "/" + account + "/" + asset;
    }
}
