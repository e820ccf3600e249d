package dev.tollgate.archfixture.adapter.out.persistence;

import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Wrong: HTTP error mapping outside the web adapter. */
@RestControllerAdvice
public class StrayAdvice {}
