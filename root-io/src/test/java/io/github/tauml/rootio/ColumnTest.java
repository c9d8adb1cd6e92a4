package io.github.tauml.rootio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tauml.rootio.tree.Column;
import io.github.tauml.rootio.tree.ColumnBuilder;
import io.github.tauml.rootio.tree.LeafType;
import io.github.tauml.rootio.tree.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnTest {
    @Test
    void selectKeepsMarkedEntriesOfJaggedColumns() {
        ColumnBuilder b = ColumnBuilder.vector("v", LeafType.FLOAT32, 4);
        b.add(1.0).add(2.0).endEntry().endEntry().add(3.0).endEntry().add(4.0).add(5.0).add(6.0).endEntry();
        Column c = b.build();
        assertThat(c.entries()).isEqualTo(4);
        Column s = c.select(new boolean[] {true, false, false, true});
        assertThat(s.entries()).isEqualTo(2);
        assertThat((float[]) s.values()).containsExactly(1f, 2f, 4f, 5f, 6f);
        assertThat(s.offsets()).containsExactly(0, 2, 5);
        assertThat(c.select(new boolean[] {true, true, true, true})).isSameAs(c);
    }

    @Test
    void selectOnFixedArraysKeepsWholeRows() {
        Column c = new Column("a", LeafType.INT32, Shape.FIXED, new int[] {1, 2, 3, 4, 5, 6}, null, 3);
        Column s = c.select(new boolean[] {false, true});
        assertThat((int[]) s.values()).containsExactly(4, 5, 6);
        assertThat(s.entries()).isEqualTo(1);
    }

    @Test
    void selectAgreesWithEntryByEntryCopiesForEveryShapeAndMask() {
        java.util.Random r = new java.util.Random(5);
        ColumnBuilder vb = ColumnBuilder.vector("v", LeafType.INT32, 2);
        float[] scalar = new float[50];
        String[] strings = new String[50];
        long[] fixed = new long[100];
        for (int i = 0; i < 50; i++) {
            for (int j = 0; j < i % 4; j++) {
                vb.add(i * 10 + j);
            }
            vb.endEntry();
            scalar[i] = i;
            strings[i] = "s" + i;
            fixed[2 * i] = i;
            fixed[2 * i + 1] = -i;
        }
        List<Column> columns = List.of(vb.build(), new Column("f", LeafType.FLOAT32, Shape.SCALAR, scalar, null, 1),
                new Column("s", LeafType.STRING, Shape.STRING, strings, null, 1),
                new Column("l", LeafType.INT64, Shape.FIXED, fixed, null, 2));
        for (int round = 0; round < 200; round++) {
            boolean[] mask = new boolean[50];
            double p = round % 5 / 4.0;
            for (int i = 0; i < 50; i++) {
                mask[i] = r.nextDouble() < p;
            }
            for (Column c : columns) {
                Column s = c.select(mask);
                List<Column> parts = new java.util.ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    if (mask[i]) {
                        parts.add(c.slice(i, i + 1));
                    }
                }
                int kept = parts.size();
                assertThat(s.entries()).isEqualTo(kept);
                if (kept > 0) {
                    Column expected = Column.concat(c.name(), c.type(), c.shape(), c.fixedLength(), parts);
                    assertThat(s.values()).isEqualTo(expected.values());
                    assertThat(s.offsets()).isEqualTo(expected.offsets());
                }
            }
        }
    }

    @Test
    void concatAndSliceRoundTrip() {
        ColumnBuilder b = ColumnBuilder.vector("v", LeafType.INT32, 2);
        for (int i = 0; i < 10; i++) {
            for (int j = 0; j < i % 3; j++) {
                b.add(i * 10 + j);
            }
            b.endEntry();
        }
        Column c = b.build();
        Column joined = Column.concat("v", LeafType.INT32, Shape.VECTOR, 1,
                List.of(c.slice(0, 4), c.slice(4, 4), c.slice(4, 10)));
        assertThat(joined.values()).isEqualTo(c.values());
        assertThat(joined.offsets()).isEqualTo(c.offsets());
    }

    @Test
    void unsignedValuesReadAsUnsigned() {
        Column u = new Column("u", LeafType.UINT32, Shape.SCALAR, new int[] {-1}, null, 1);
        assertThat(u.getDouble(0)).isEqualTo(4294967295.0);
        Column ul = new Column("ul", LeafType.UINT64, Shape.SCALAR, new long[] {-1L}, null, 1);
        assertThat(ul.getDouble(0)).isEqualTo(18446744073709551615.0);
        assertThatThrownBy(() -> c().select(new boolean[1])).isInstanceOf(IllegalArgumentException.class);
    }

    private static Column c() {
        return new Column("x", LeafType.FLOAT64, Shape.SCALAR, new double[] {1, 2}, null, 1);
    }
}
