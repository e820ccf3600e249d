package dev.tollgate.application.common;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One keyset page: its items in the list's order and {@code next}, the cursor to send as {@code after} for the
 * following page ({@code null} on the last page). No total: counting every row is the cost keyset pages avoid.
 */
public record CursorPage<T>(List<T> items, int size, String next) {
    public CursorPage {
        items = List.copyOf(items);
    }

    /**
     * The page from rows fetched with {@link CursorRequest#fetch()}: at most {@code size} of them, and a next cursor
     * (the last returned row's key) when one more row was found.
     */
    public static <T> CursorPage<T> of(List<T> fetched, CursorRequest request, Function<T, Cursor> keyOf) {
        if (fetched.size() <= request.size()) {
            return new CursorPage<>(fetched, request.size(), null);
        }
        List<T> items = fetched.subList(0, request.size());
        return new CursorPage<>(
                items, request.size(), keyOf.apply(items.get(items.size() - 1)).encode());
    }

    /**
     * The keyset page of a list held in memory, already in its order: the rows {@code after} accepts (all of them
     * from the start), at most a page of them.
     */
    public static <T> CursorPage<T> ofSorted(
            List<T> sorted, CursorRequest request, Predicate<T> after, Function<T, Cursor> keyOf) {
        Predicate<T> from = request.after().start() ? row -> true : after;
        return of(sorted.stream().filter(from).limit(request.fetch()).toList(), request, keyOf);
    }
}
