package org.posttrade.sinks.clickhouse;

/** A failed INSERT, classified; {@link #serverMessage()} is the server's own text (or the I/O error's). */
public final class InsertException extends Exception {
    private static final long serialVersionUID = 1L;

    private final ErrorKind kind;
    private final int code;
    private final int httpStatus;
    private final String serverMessage;

    public InsertException(ErrorKind kind, int code, int httpStatus, String serverMessage, Throwable cause) {
        super(kind + (code > 0 ? " (ClickHouse code " + code + ")" : "")
                + (httpStatus > 0 ? " HTTP " + httpStatus : "") + ": " + serverMessage, cause);
        this.kind = kind;
        this.code = code;
        this.httpStatus = httpStatus;
        this.serverMessage = serverMessage;
    }

    /** Classifies a server answer. */
    public static InsertException fromServer(int httpStatus, int headerCode, String body) {
        String message = body == null ? "" : body.trim();
        int code = headerCode > 0 ? headerCode : ClickHouseErrors.parseCode(message);
        if (message.isEmpty()) {
            message = "HTTP " + httpStatus + " without a message";
        }
        return new InsertException(ClickHouseErrors.classify(code, httpStatus), code, httpStatus, message, null);
    }

    public ErrorKind kind() { return kind; }

    /** ClickHouse error code, 0 when the failure has none (I/O errors, bare HTTP statuses). */
    public int code() { return code; }

    /** HTTP status, 0 when no response arrived. */
    public int httpStatus() { return httpStatus; }

    public String serverMessage() { return serverMessage; }
}
