package dev.tollgate.adapter.in.web.migration;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Registers the settings of {@link OneApiImportController}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OneApiImportProperties.class)
public class OneApiImportConfiguration {}
