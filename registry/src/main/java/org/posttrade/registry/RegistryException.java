package org.posttrade.registry;

/** The registry refused a request or could not be reached. Carries the HTTP status and the registry's error code. */
public class RegistryException extends RuntimeException {
    private final int httpStatus;
    private final int errorCode;

    public RegistryException(String message, int httpStatus, int errorCode, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    /** HTTP status, or -1 when the registry could not be reached. */
    public int httpStatus() { return httpStatus; }

    /** The registry's error_code (e.g. 40403 schema not found, 409 incompatible), or -1. */
    public int errorCode() { return errorCode; }

    /** True for answers that will not change on retry: the schema or subject does not exist, or is incompatible. */
    public boolean isPermanent() {
        return httpStatus >= 400 && httpStatus < 500 && httpStatus != 408 && httpStatus != 429;
    }
}
