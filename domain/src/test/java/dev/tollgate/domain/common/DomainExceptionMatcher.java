package dev.tollgate.domain.common;

import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Matches a {@link DomainException} carrying one {@link ErrorCode}, for Axon fixtures' {@code expectException}. */
public final class DomainExceptionMatcher extends TypeSafeMatcher<DomainException> {
    private final ErrorCode code;

    private DomainExceptionMatcher(ErrorCode code) {
        super(DomainException.class);
        this.code = code;
    }

    /** A refusal with this error code. */
    public static Matcher<DomainException> refusedWith(ErrorCode code) {
        return new DomainExceptionMatcher(code);
    }

    @Override
    protected boolean matchesSafely(DomainException exception) {
        return exception.errorCode() == code;
    }

    @Override
    public void describeTo(Description description) {
        description.appendText("a DomainException with error code ").appendValue(code);
    }

    @Override
    protected void describeMismatchSafely(DomainException exception, Description description) {
        description
                .appendText("its error code was ")
                .appendValue(exception.errorCode())
                .appendText(": ")
                .appendText(exception.getMessage());
    }
}
