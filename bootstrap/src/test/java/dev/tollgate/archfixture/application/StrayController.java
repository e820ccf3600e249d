package dev.tollgate.archfixture.application;

import org.springframework.web.bind.annotation.RestController;

/** Wrong: an HTTP controller outside the web adapter. */
@RestController
public class StrayController {}
