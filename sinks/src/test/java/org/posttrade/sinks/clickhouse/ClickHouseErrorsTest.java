package org.posttrade.sinks.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ClickHouseErrorsTest {

    @Test
    void readsTheCodeFromOldAndNewServerMessages() {
        assertThat(ClickHouseErrors.parseCode("Code: 395, e.displayText() = DB::Exception: Value passed to "
                + "'throwIf' function is non zero, e.what() = DB::Exception")).isEqualTo(395);
        assertThat(ClickHouseErrors.parseCode("Code: 60. DB::Exception: Table db.t does not exist. "
                + "(UNKNOWN_TABLE) (version 24.3.1.1)")).isEqualTo(60);
        assertThat(ClickHouseErrors.parseCode("Connection refused")).isZero();
        assertThat(ClickHouseErrors.parseCode(null)).isZero();
    }

    @ParameterizedTest(name = "code {0} HTTP {1} is {2}")
    @CsvSource({
            // refused rows: bisect
            "6, 500, DATA", "26, 500, DATA", "27, 500, DATA", "32, 500, DATA", "33, 500, DATA", "38, 500, DATA",
            "41, 500, DATA", "53, 500, DATA", "69, 500, DATA", "70, 500, DATA", "72, 500, DATA", "117, 500, DATA",
            "131, 500, DATA", "395, 500, DATA", "469, 500, DATA",
            // outages and overload: retry
            "159, 500, TRANSIENT", "209, 500, TRANSIENT", "210, 500, TRANSIENT", "252, 500, TRANSIENT",
            "241, 500, TRANSIENT", "202, 500, TRANSIENT", "242, 500, TRANSIENT",
            // wrong target or credentials: retry, then fail; never dead-letter
            "60, 404, CONFIGURATION", "81, 404, CONFIGURATION", "516, 401, CONFIGURATION",
            "192, 401, CONFIGURATION", "193, 401, CONFIGURATION",
            // unknown code: not treated as a bad row
            "48, 500, UNKNOWN",
            // no code: the HTTP status decides
            "0, 0, TRANSIENT", "0, 500, TRANSIENT", "0, 503, TRANSIENT", "0, 429, TRANSIENT",
            "0, 401, CONFIGURATION", "0, 403, CONFIGURATION", "0, 404, CONFIGURATION", "0, 400, UNKNOWN"
    })
    void classifiesByCodeBeforeStatus(int code, int status, ErrorKind expected) {
        assertThat(ClickHouseErrors.classify(code, status)).isEqualTo(expected);
    }

    @Test
    void onlyDataErrorsAreNotRetried() {
        assertThat(ErrorKind.DATA.retryable()).isFalse();
        assertThat(ErrorKind.TRANSIENT.retryable()).isTrue();
        assertThat(ErrorKind.CONFIGURATION.retryable()).isTrue();
        assertThat(ErrorKind.UNKNOWN.retryable()).isTrue();
    }

    @Test
    void serverAnswerPrefersTheHeaderCode() {
        InsertException e = InsertException.fromServer(500, 252, "Too many parts (300)");
        assertThat(e.kind()).isEqualTo(ErrorKind.TRANSIENT);
        assertThat(e.code()).isEqualTo(252);
        InsertException fromBody = InsertException.fromServer(500, 0, "Code: 395, e.displayText() = x\n");
        assertThat(fromBody.kind()).isEqualTo(ErrorKind.DATA);
        assertThat(fromBody.serverMessage()).isEqualTo("Code: 395, e.displayText() = x");
        assertThat(InsertException.fromServer(502, 0, "").serverMessage()).isEqualTo("HTTP 502 without a message");
    }
}
