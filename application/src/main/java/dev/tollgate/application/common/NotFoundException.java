package dev.tollgate.application.common;

import dev.tollgate.domain.common.DomainException;
import dev.tollgate.domain.common.ErrorCode;

/** The resource does not exist, or the caller may not see it (the two are not told apart). */
public class NotFoundException extends DomainException {
    public NotFoundException(ErrorCode code, String message) {
        super(code, message);
    }
}
