package dev.tollgate.adapter.out.persistence.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.application.billing.port.out.DefaultPriceTablePort;
import dev.tollgate.domain.billing.Price;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the default price table shipped in the jar ({@value #RESOURCE}): per model the USD list prices per one
 * million tokens and the same prices in quota units. A row whose units are not exactly its dollars × 500,000, a
 * duplicate model or a missing date makes the table unreadable (an error, never a silently wrong price).
 */
public class DefaultPriceTableResourceAdapter implements DefaultPriceTablePort {
    public static final String RESOURCE = "prices/default-prices.json";
    private static final BigDecimal UNITS_PER_USD = BigDecimal.valueOf(500_000);

    private final String resource;
    private final ObjectMapper json = new ObjectMapper();

    public DefaultPriceTableResourceAdapter() {
        this(RESOURCE);
    }

    /** Reads another class-path resource of the same shape (tests). */
    public DefaultPriceTableResourceAdapter(String resource) {
        this.resource = resource;
    }

    @Override
    public DefaultPriceTable load() {
        JsonNode root;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the default price table " + resource + " is not on the class path");
            }
            root = json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("the default price table " + resource + " could not be read", e);
        }
        if (root.path("unitsPerUsd").asLong() != 500_000
                || !root.path("pricesAsOf").isTextual()) {
            throw new IllegalStateException(resource + " must state unitsPerUsd 500000 and its pricesAsOf date");
        }
        List<String> sources = new ArrayList<>();
        root.path("sources")
                .properties()
                .forEach(e -> sources.add(e.getKey() + ": " + e.getValue().asText()));
        List<ModelPriceEntry> prices = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode row : root.path("prices")) {
            String model = row.path("model").asText("");
            if (model.isBlank() || !seen.add(model)) {
                throw new IllegalStateException(resource + ": a blank or repeated model: '" + model + "'");
            }
            JsonNode usd = row.path("usdPerMillionTokens");
            JsonNode units = row.path("unitsPerMillionTokens");
            long input = units(model, "input", usd, units);
            long output = units(model, "output", usd, units);
            long cached = units.has("cachedInput") || usd.has("cachedInput")
                    ? units(model, "cachedInput", usd, units)
                    : input;
            prices.add(new ModelPriceEntry(model, new Price(input, output, 0, 0, 0, cached)));
        }
        if (prices.isEmpty()) {
            throw new IllegalStateException(resource + " holds no prices");
        }
        return new DefaultPriceTable(root.path("pricesAsOf").asText(), sources, prices);
    }

    /** The units of one part of a price, checked against its dollars. */
    private long units(String model, String part, JsonNode usd, JsonNode units) {
        JsonNode dollars = usd.path(part);
        JsonNode value = units.path(part);
        if (!dollars.isNumber() || !value.isIntegralNumber()) {
            throw new IllegalStateException(resource + ": " + model + " needs " + part + " in dollars and in units");
        }
        BigDecimal expected = dollars.decimalValue().multiply(UNITS_PER_USD);
        if (expected.compareTo(new BigDecimal(value.bigIntegerValue())) != 0) {
            throw new IllegalStateException(resource + ": " + model + " " + part + " is " + dollars + " USD = "
                    + expected.stripTrailingZeros().toPlainString() + " units, not " + value);
        }
        return value.longValue();
    }
}
