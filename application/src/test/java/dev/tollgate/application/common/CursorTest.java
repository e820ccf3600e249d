package dev.tollgate.application.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.domain.common.InvalidValueException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CursorTest {

    @Test
    void givenAPosition_whenEncodedAndDecoded_thenTheSameKeysComeBack() {
        // given
        Cursor position = Cursor.of("2026-12-07T00:00:00.123456Z", "id with spaces/and ünïcode");

        // when
        Cursor decoded = Cursor.decode(position.encode());

        // then
        assertThat(decoded).isEqualTo(position);
        assertThat(decoded.instant(0, 2)).isEqualTo(Instant.parse("2026-12-07T00:00:00.123456Z"));
        assertThat(decoded.key(1, 2)).isEqualTo("id with spaces/and ünïcode");
        assertThat(position.encode()).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void givenBlankOrAbsent_whenDecoded_thenTheStartOfTheList() {
        // when / then
        assertThat(Cursor.decode("").start()).isTrue();
        assertThat(Cursor.decode(null).start()).isTrue();
    }

    @Test
    void givenTextThatIsNotOurCursor_whenDecodedAndRead_thenAnInvalidValueNamingAfter() {
        // when / then
        assertThatThrownBy(() -> Cursor.decode("***"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("after");
        assertThatThrownBy(() -> Cursor.decode("x".repeat(513))).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> Cursor.decode(Cursor.of("only-one").encode()).key(0, 2))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() ->
                        Cursor.decode(Cursor.of("yesterday", "x").encode()).instant(0, 2))
                .isInstanceOf(InvalidValueException.class);
    }

    @Test
    void givenOneRowMoreThanThePage_whenPaged_thenThePageEndsWithANextCursorOfItsLastRow() {
        // given
        CursorRequest request = new CursorRequest(Cursor.START, 2);

        // when
        CursorPage<String> more = CursorPage.of(List.of("a", "b", "c"), request, Cursor::of);
        CursorPage<String> last = CursorPage.of(List.of("a", "b"), request, Cursor::of);

        // then
        assertThat(request.fetch()).isEqualTo(3);
        assertThat(more.items()).containsExactly("a", "b");
        assertThat(Cursor.decode(more.next())).isEqualTo(Cursor.of("b"));
        assertThat(last.items()).containsExactly("a", "b");
        assertThat(last.next()).isNull();
    }

    @Test
    void givenASortedListInMemory_whenPagedAfterACursor_thenTheRowsAfterItOnly() {
        // given
        CursorRequest request = new CursorRequest(Cursor.of("b"), 2);

        // when
        CursorPage<String> page = CursorPage.ofSorted(
                List.of("a", "b", "c", "d", "e"),
                request,
                row -> row.compareTo(request.after().key(0, 1)) > 0,
                Cursor::of);

        // then
        assertThat(page.items()).containsExactly("c", "d");
        assertThat(Cursor.decode(page.next())).isEqualTo(Cursor.of("d"));
    }

    @Test
    void givenSizesOutOfBounds_whenRequested_thenAnInvalidValueNamingSize() {
        // when / then
        assertThatThrownBy(() -> new CursorRequest(Cursor.START, 0))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("size");
        assertThatThrownBy(() -> new CursorRequest(Cursor.START, 501)).isInstanceOf(InvalidValueException.class);
    }
}
