package dev.tollgate.archfixture.domain.channel;

import org.springframework.stereotype.Component;

/** Wrong: a Spring stereotype in the domain. */
@Component
public class SpringInDomain {}
