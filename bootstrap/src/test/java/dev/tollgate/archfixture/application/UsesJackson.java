package dev.tollgate.archfixture.application;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Wrong: JSON mapping in the application layer. */
public class UsesJackson {

    private final ObjectMapper json = new ObjectMapper();

    ObjectMapper json() {
        return json;
    }
}
