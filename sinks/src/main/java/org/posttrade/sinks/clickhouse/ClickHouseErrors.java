package org.posttrade.sinks.clickhouse;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Classifies ClickHouse failures by the server's error code (ErrorCodes.cpp), falling back to the HTTP status.
 * The code wins over the status: ClickHouse 18.16 answers most errors, bad rows included, with HTTP 500.
 */
public final class ClickHouseErrors {
    /** Matches "Code: 395, e.displayText() = ..." (18.x) and "Code: 395. DB::Exception: ..." (current releases). */
    private static final Pattern CODE = Pattern.compile("Code: (\\d+)");

    /** The server refuses a row: bisect the batch, dead-letter that row. */
    private static final Set<Integer> DATA = Set.of(
            6,   // CANNOT_PARSE_TEXT
            26,  // CANNOT_PARSE_QUOTED_STRING
            27,  // CANNOT_PARSE_INPUT_ASSERTION_FAILED
            32,  // ATTEMPT_TO_READ_AFTER_EOF
            33,  // CANNOT_READ_ALL_DATA
            38,  // CANNOT_PARSE_DATE
            41,  // CANNOT_PARSE_DATETIME
            53,  // TYPE_MISMATCH
            69,  // ARGUMENT_OUT_OF_BOUND
            70,  // CANNOT_CONVERT_TYPE
            72,  // CANNOT_PARSE_NUMBER
            117, // INCORRECT_DATA
            131, // TOO_LARGE_STRING_SIZE
            349, // CANNOT_INSERT_NULL_IN_ORDINARY_COLUMN
            395, // FUNCTION_THROW_IF_VALUE_IS_NON_ZERO
            407, // DECIMAL_OVERFLOW
            469  // VIOLATED_CONSTRAINT (CHECK constraints of current releases)
    );

    /** Overload, timeouts and network trouble inside the cluster: the same batch should succeed later. */
    private static final Set<Integer> TRANSIENT = Set.of(
            3,   // UNEXPECTED_END_OF_FILE
            159, // TIMEOUT_EXCEEDED
            164, // READONLY
            202, // TOO_MANY_SIMULTANEOUS_QUERIES
            203, // NO_FREE_CONNECTION
            209, // SOCKET_TIMEOUT
            210, // NETWORK_ERROR
            236, // ABORTED
            241, // MEMORY_LIMIT_EXCEEDED
            242, // TABLE_IS_READ_ONLY
            252, // TOO_MANY_PARTS
            285, // TOO_FEW_LIVE_REPLICAS
            319, // UNKNOWN_STATUS_OF_INSERT
            394, // QUERY_WAS_CANCELLED
            425, // SYSTEM_ERROR
            999, // KEEPER_EXCEPTION
            1000 // POCO_EXCEPTION
    );

    /** The sink's target or credentials are wrong: retry (a deployment may be catching up), then fail loudly. */
    private static final Set<Integer> CONFIGURATION = Set.of(
            16,  // NO_SUCH_COLUMN_IN_TABLE
            47,  // UNKNOWN_IDENTIFIER
            60,  // UNKNOWN_TABLE
            62,  // SYNTAX_ERROR
            81,  // UNKNOWN_DATABASE
            192, // UNKNOWN_USER
            193, // WRONG_PASSWORD
            194, // REQUIRED_PASSWORD
            195, // IP_ADDRESS_NOT_ALLOWED
            497, // ACCESS_DENIED
            516  // AUTHENTICATION_FAILED
    );

    private ClickHouseErrors() {
    }

    /** The error code in a ClickHouse error text, or 0 when there is none. */
    public static int parseCode(String message) {
        if (message == null) {
            return 0;
        }
        Matcher m = CODE.matcher(message);
        if (!m.find()) {
            return 0;
        }
        try {
            return Integer.parseInt(m.group(1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * @param code the ClickHouse error code, 0 if unknown
     * @param httpStatus the HTTP status, 0 if no response arrived (connection refused, reset, timeout)
     */
    public static ErrorKind classify(int code, int httpStatus) {
        if (code > 0) {
            if (DATA.contains(code)) {
                return ErrorKind.DATA;
            }
            if (TRANSIENT.contains(code)) {
                return ErrorKind.TRANSIENT;
            }
            if (CONFIGURATION.contains(code)) {
                return ErrorKind.CONFIGURATION;
            }
            return ErrorKind.UNKNOWN;
        }
        if (httpStatus == 0 || httpStatus == 408 || httpStatus == 429 || httpStatus >= 500) {
            return ErrorKind.TRANSIENT;
        }
        if (httpStatus == 401 || httpStatus == 403 || httpStatus == 404) {
            return ErrorKind.CONFIGURATION;
        }
        return ErrorKind.UNKNOWN;
    }
}
