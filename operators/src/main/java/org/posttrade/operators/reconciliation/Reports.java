package org.posttrade.operators.reconciliation;

import java.util.Objects;
import org.posttrade.schema.ExecutionReport;
import org.posttrade.schema.InternalTrade;
import org.posttrade.schema.VenueConfirmation;

/**
 * Content comparison and one-line descriptions of source records. Two copies are exact duplicates when every field
 * but the producer's metadata (which a re-publication changes) is equal; decimals compare by value.
 */
final class Reports {
    private Reports() {}

    static boolean sameContent(ExecutionReport a, ExecutionReport b) {
        return Objects.equals(a.getEventId(), b.getEventId()) && Objects.equals(a.getVenue(), b.getVenue())
                && Objects.equals(a.getExecId(), b.getExecId()) && Objects.equals(a.getOrderId(), b.getOrderId())
                && Objects.equals(a.getClOrdId(), b.getClOrdId()) && Objects.equals(a.getAccount(), b.getAccount())
                && Objects.equals(a.getInstrument(), b.getInstrument()) && a.getSide() == b.getSide()
                && a.getExecType() == b.getExecType() && a.getOrdStatus() == b.getOrdStatus()
                && Objects.equals(a.getExecRefId(), b.getExecRefId())
                && Decimal.same(a.getLastQty(), b.getLastQty()) && Decimal.same(a.getLastPx(), b.getLastPx())
                && Decimal.same(a.getCumQty(), b.getCumQty()) && Decimal.same(a.getLeavesQty(), b.getLeavesQty())
                && Decimal.same(a.getCommission(), b.getCommission())
                && Objects.equals(a.getCommissionAsset(), b.getCommissionAsset())
                && a.getLiquidityIndicator() == b.getLiquidityIndicator()
                && Objects.equals(a.getTransactTime(), b.getTransactTime())
                && Objects.equals(a.getTradeDate(), b.getTradeDate())
                && Objects.equals(a.getSettlDate(), b.getSettlDate());
    }

    /** Same business content, whatever the confirmation id (a venue's resend under a new id). */
    static boolean sameTerms(VenueConfirmation a, VenueConfirmation b) {
        return Objects.equals(a.getVenue(), b.getVenue()) && Objects.equals(a.getExecId(), b.getExecId())
                && Objects.equals(a.getAccount(), b.getAccount()) && Objects.equals(a.getInstrument(), b.getInstrument())
                && a.getSide() == b.getSide() && Decimal.same(a.getQuantity(), b.getQuantity())
                && Decimal.same(a.getPrice(), b.getPrice()) && Decimal.same(a.getFee(), b.getFee())
                && Objects.equals(a.getFeeAsset(), b.getFeeAsset()) && a.getStatus() == b.getStatus()
                && Objects.equals(a.getRejectReason(), b.getRejectReason())
                && Objects.equals(a.getTradeTime(), b.getTradeTime());
    }

    static boolean sameContent(VenueConfirmation a, VenueConfirmation b) {
        return Objects.equals(a.getEventId(), b.getEventId()) && Objects.equals(a.getConfirmId(), b.getConfirmId())
                && sameTerms(a, b) && Objects.equals(a.getConfirmTime(), b.getConfirmTime());
    }

    static boolean sameContent(InternalTrade a, InternalTrade b) {
        return Objects.equals(a.getEventId(), b.getEventId()) && Objects.equals(a.getTradeId(), b.getTradeId())
                && a.getVersion() == b.getVersion() && a.getBookingStatus() == b.getBookingStatus()
                && Objects.equals(a.getClOrdId(), b.getClOrdId()) && Objects.equals(a.getAccount(), b.getAccount())
                && Objects.equals(a.getDesk(), b.getDesk()) && Objects.equals(a.getStrategy(), b.getStrategy())
                && Objects.equals(a.getInstrument(), b.getInstrument()) && a.getSide() == b.getSide()
                && Decimal.same(a.getOrderedQty(), b.getOrderedQty()) && a.getPriceType() == b.getPriceType()
                && Decimal.same(a.getLimitPrice(), b.getLimitPrice())
                && Decimal.same(a.getAveragePrice(), b.getAveragePrice())
                && Objects.equals(a.getIntendedVenue(), b.getIntendedVenue())
                && Objects.equals(a.getBookedTime(), b.getBookedTime())
                && Objects.equals(a.getFillDeadline(), b.getFillDeadline());
    }

    static String describe(ExecutionReport r) {
        return r.getExecType() + (r.getExecRefId() == null ? "" : " of " + r.getExecRefId()) + " " + r.getSide() + " "
                + Decimal.text(r.getLastQty()) + " " + r.getInstrument().getSymbol() + " @ " + Decimal.text(r.getLastPx())
                + " fee " + Decimal.text(r.getCommission()) + " " + r.getCommissionAsset() + " account "
                + r.getAccount() + " at " + r.getTransactTime();
    }

    static String describe(VenueConfirmation c) {
        return c.getStatus() + " " + c.getConfirmId() + " " + c.getSide() + " " + Decimal.text(c.getQuantity()) + " "
                + c.getInstrument().getSymbol() + " @ " + Decimal.text(c.getPrice()) + " fee "
                + Decimal.text(c.getFee()) + " " + c.getFeeAsset() + " at " + c.getConfirmTime();
    }

    static String describe(InternalTrade t) {
        return t.getBookingStatus() + " v" + t.getVersion() + " " + t.getSide() + " " + Decimal.text(t.getOrderedQty())
                + " " + t.getInstrument().getSymbol() + " " + t.getPriceType() + " account " + t.getAccount()
                + " via " + t.getIntendedVenue();
    }
}
