package org.posttrade.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

class WireFormatTest {

    @Test
    void readsTheBigEndianSchemaIdAfterTheMagicByte() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(WireFormat.MAGIC_BYTE);
        WireFormat.writeSchemaId(out, 0x01020304);
        out.write(42);
        assertThat(WireFormat.schemaId(out.toByteArray())).isEqualTo(0x01020304);
    }

    @Test
    void refusesAnotherMagicByteNamingIt() {
        assertThatThrownBy(() -> WireFormat.schemaId(new byte[] {7, 0, 0, 0, 1, 2}))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("magic byte 7");
    }

    @Test
    void refusesRecordsShorterThanTheHeader() {
        assertThatThrownBy(() -> WireFormat.schemaId(new byte[] {0, 0, 1}))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("3 bytes");
    }
}
