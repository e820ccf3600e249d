package dev.tollgate.archfixture.adapter.in.web;

import org.springframework.web.bind.annotation.RestController;

/** Wrong: a REST controller not named {@code ...Controller}. */
@RestController
public class ChannelEndpoint {}
