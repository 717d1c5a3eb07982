package org.posttrade.operators.positions;

/** The keys of PositionUpdate.positionKey: ACCOUNT/INSTRUMENT and ACCOUNT/ASSET (the contract's format). */
public final class PositionKeys {
    private PositionKeys() {}

    public static String instrument(String account, String symbol) {
        return account + "/" + symbol;
    }

    public static String asset(String account, String asset) {
        return account + "/" + asset;
    }
}
