package dev.tollgate.config.properties;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Model prices (docs/billing.md).
 *
 * @param loadDefaults at every start, the models of the shipped default price table that have no price yet get its
 *     price
 */
@ConfigurationProperties("tollgate.prices")
public record PricesProperties(@DefaultValue("false") boolean loadDefaults) {}
