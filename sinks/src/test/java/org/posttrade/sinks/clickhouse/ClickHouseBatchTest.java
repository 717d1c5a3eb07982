package org.posttrade.sinks.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The exactly-once sink's committable survives its checkpoint serialization byte for byte. */
class ClickHouseBatchTest {

    @Test
    void roundTripsRowsStartsAndKeysIncludingNullAndNonAscii() throws IOException {
        byte[] rows = "row-one|row-two|row-three".getBytes(StandardCharsets.UTF_8);
        ClickHouseBatch batch = new ClickHouseBatch(rows, new int[] {0, 8, 16}, new String[] {"k1", null, "ключ-€"});
        ClickHouseBatch.Serializer serializer = new ClickHouseBatch.Serializer();

        ClickHouseBatch back = serializer.deserialize(serializer.getVersion(), serializer.serialize(batch));

        assertThat(back.rows()).isEqualTo(rows);
        assertThat(back.rowStarts()).containsExactly(0, 8, 16);
        assertThat(back.keys()).containsExactly("k1", null, "ключ-€");
        assertThat(back.rowCount()).isEqualTo(3);
    }

    @Test
    void aBufferOverACommittedBatchShowsItsRows() {
        byte[] rows = "aabbbc".getBytes(StandardCharsets.UTF_8);
        RowBuffer buffer = RowBuffer.of(new ClickHouseBatch(rows, new int[] {0, 2, 5}, new String[] {"a", "b", "c"}));

        assertThat(buffer.rows()).isEqualTo(3);
        assertThat(buffer.rowEnd(1) - buffer.rowStart(1)).isEqualTo(3);
        assertThat(buffer.rowEnd(2)).isEqualTo(6);
        assertThat(buffer.key(2)).isEqualTo("c");
        assertThat(buffer.value(0)).isNull();
    }

    @Test
    void anUnknownVersionIsRefused() {
        assertThatThrownBy(() -> new ClickHouseBatch.Serializer().deserialize(2, new byte[0]))
                .isInstanceOf(IOException.class).hasMessageContaining("version 2");
    }
}
