package org.posttrade.operators.reconciliation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.posttrade.schema.BreakType;

/**
 * Deterministic ids: the first 16 bytes (32 hex digits) of SHA-256 over the id's parts joined by '|'. Replays and
 * restarts give the same ids; nothing random and no processing time goes in.
 */
public final class BreakIds {
    private BreakIds() {}

    /** The id of the break of {@code type} on {@code matchKey}, about {@code field} (one break per field). */
    public static String of(BreakType type, String matchKey, String field) {
        return hash(type.name(), matchKey, field == null ? "" : field);
    }

    public static String hash(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest(String.join("|", parts).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
