package dev.tollgate.archfixture.adapter.in.web;

import java.time.Clock;
import org.springframework.beans.factory.annotation.Autowired;

/** Wrong: field injection. */
public class FieldInjectedHandler {

    @Autowired
    private Clock clock;

    Clock clock() {
        return clock;
    }
}
