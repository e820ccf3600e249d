package dev.tollgate.adapter.out.persistence;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

/** The application's offset pages ({@code page × size}) as Spring Data's page requests. */
public final class OffsetPages {
    private OffsetPages() {}

    /**
     * The page that starts at {@code offset}: always a whole page number, because the application's offsets are
     * {@code page × size} ({@code dev.tollgate.application.common.PageRequest}); any other offset is a bug.
     */
    public static PageRequest of(int offset, int limit, Sort sort) {
        if (offset % limit != 0) {
            throw new IllegalArgumentException("offset " + offset + " is not a multiple of the page size " + limit);
        }
        return PageRequest.of(offset / limit, limit, sort);
    }
}
