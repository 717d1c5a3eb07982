package org.posttrade.operators.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** Everything the reconciliation operators keep in state or send downstream is serialized by Flink, not by Kryo. */
class StateTypesTest {

    static <T> TypeSerializer<T> withoutKryo(TypeInformation<T> type) {
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        return type.createSerializer(config);
    }

    @Test
    void stateAndOutputTypesArePojosWithoutGenericFields() {
        for (Class<?> type : List.of(EffectiveFill.class, SeenReport.class, SeenConfirmation.class, SeenBooking.class,
                BreakEntry.class)) {
            TypeInformation<?> info = TypeInformation.of(type);
            assertThat(info).as(type.getSimpleName()).isInstanceOf(PojoTypeInfo.class);
            assertThat(withoutKryo(info)).as(type.getSimpleName()).isNotNull();
        }
    }

    @Test
    void anEffectiveFillRoundTripsThroughItsSerializer() throws Exception {
        EffectiveFill fill = ReconFixtures.effective("E-1");
        TypeSerializer<EffectiveFill> serializer = withoutKryo(EffectiveFill.TYPE);
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(fill, out);
        EffectiveFill back = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(back).isEqualTo(fill);
    }
}
