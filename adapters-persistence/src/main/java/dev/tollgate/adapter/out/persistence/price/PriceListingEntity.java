package dev.tollgate.adapter.out.persistence.price;

import dev.tollgate.application.billing.port.in.PriceView;
import dev.tollgate.domain.billing.Price;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One row of {@code price_listing} (changeset 066): a model's price as the admin API lists it. */
@Entity
@Table(name = "price_listing")
class PriceListingEntity {
    @Id
    private String model;

    private long input;
    private long output;

    @Column(name = "per_image")
    private long perImage;

    @Column(name = "per_audio_second")
    private long perAudioSecond;

    @Column(name = "per_request")
    private long perRequest;

    @Column(name = "cached_input")
    private long cachedInput;

    @Column(name = "cache_write")
    private long cacheWrite;

    @Column(name = "audio_input")
    private long audioInput;

    @Column(name = "audio_output")
    private long audioOutput;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected PriceListingEntity() {}

    PriceListingEntity(String model) {
        this.model = model;
    }

    /** The model's price from now on, set at {@code at}. */
    void price(Price price, Instant at) {
        this.input = price.inputPerMillion();
        this.output = price.outputPerMillion();
        this.perImage = price.perImage();
        this.perAudioSecond = price.perAudioSecond();
        this.perRequest = price.perRequest();
        this.cachedInput = price.cachedInputPerMillion();
        this.cacheWrite = price.cacheWritePerMillion();
        this.audioInput = price.audioInputPerMillion();
        this.audioOutput = price.audioOutputPerMillion();
        this.updatedAt = at;
    }

    PriceView view() {
        return new PriceView(
                model,
                input,
                output,
                perImage,
                perAudioSecond,
                perRequest,
                updatedAt,
                cachedInput,
                cacheWrite,
                audioInput,
                audioOutput);
    }
}
