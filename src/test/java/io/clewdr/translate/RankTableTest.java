package io.clewdr.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class RankTableTest {

    private static String line(String token, int rank) {
        return Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)) + " " + rank + "\n";
    }

    private static RankTable read(String file) throws IOException {
        return RankTable.read(new ByteArrayInputStream(file.getBytes(StandardCharsets.US_ASCII)));
    }

    private static int rank(RankTable table, String token) {
        byte[] text = ("[" + token + "]").getBytes(StandardCharsets.UTF_8);
        return table.rank(text, 1, text.length - 1);
    }

    @Test
    void ranks_in_file_order_are_the_line_numbers() throws IOException {
        RankTable table = read(line("a", 0) + line("b", 1) + line("ab", 2) + line("é", 3));

        assertThat(rank(table, "a")).isZero();
        assertThat(rank(table, "ab")).isEqualTo(2);
        assertThat(rank(table, "é")).isEqualTo(3);
        assertThat(rank(table, "ba")).isEqualTo(-1);
    }

    @Test
    void ranks_out_of_file_order_are_kept_as_written() throws IOException {
        RankTable table = read(line("a", 7) + line("b", 3) + line("ab", 100) + "\n" + line("abc", 5));

        assertThat(rank(table, "a")).isEqualTo(7);
        assertThat(rank(table, "b")).isEqualTo(3);
        assertThat(rank(table, "ab")).isEqualTo(100);
        assertThat(rank(table, "abc")).isEqualTo(5);
        assertThat(rank(table, "c")).isEqualTo(-1);
    }

    @Test
    void a_malformed_line_is_an_error_naming_it() {
        assertThatThrownBy(() -> read(line("a", 0) + "bm90IGEgcmFuaw==\n"))
                .isInstanceOf(IOException.class)
                .hasMessage("malformed rank line 2");
    }
}
