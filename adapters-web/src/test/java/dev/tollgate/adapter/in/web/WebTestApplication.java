package dev.tollgate.adapter.in.web;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The configuration web slice tests start from (the real application lives in the bootstrap module). */
@SpringBootApplication
public class WebTestApplication {}
