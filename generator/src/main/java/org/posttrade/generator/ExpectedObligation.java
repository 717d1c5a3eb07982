package org.posttrade.generator;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A net settlement obligation per (venue, account, asset, cycle), computed by the generator from the fills as it
 * generated them, independently of any movement. Nets every TRADE fill of the execution-report stream whose
 * transactTime falls in the cycle, after corrections (corrected price) and busts (busted fill left out), including
 * the fills of faulted trades (listed in {@code faultedTradeKeys} for scorers that net only matched trades).
 * A BUY of q at p: +q base, -q*p quote; a SELL the opposite; the commission is -fee in its asset. Zero nets are not
 * listed.
 *
 * @param instructionId    VENUE/ACCOUNT/ASSET/cycleId, the deterministic SettlementInstruction id
 * @param cycleId          VENUE/cycle start (yyyy-MM-ddTHH:mmZ)
 * @param cycleStart       cycle start, ISO-8601
 * @param cutoff           cycle end (exclusive), ISO-8601
 * @param netAmount        signed net, firm's view: positive = the firm receives
 * @param direction        PAY or RECEIVE
 * @param amount           absolute net
 * @param custodian        custodian of the account's wallets
 * @param network          network the asset settles on with the venue
 * @param tradeKeys        VENUE/execId of every fill netted (original execId for corrected fills)
 * @param faultedTradeKeys the subset whose trade carries a trade-level fault label
 * @param label            CLEAN or the settlement fault of the obligation
 * @param movementIds      movements generated for it (none for SETTLEMENT_MISSING, two for DUPLICATE_MOVEMENT)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExpectedObligation(String instructionId, String venue, String account, String asset, String cycleId,
                                 String cycleStart, String cutoff, String netAmount, String direction, String amount,
                                 String custodian, String network, List<String> tradeKeys,
                                 List<String> faultedTradeKeys, Label label, List<String> movementIds)
        implements TruthEntry {}
