package dev.tollgate.adapter.in.web.price;

import dev.tollgate.adapter.in.web.security.CurrentCaller;
import dev.tollgate.adapter.in.web.security.PlatformAdminOnly;
import dev.tollgate.application.billing.port.in.DefaultPricesUseCase;
import dev.tollgate.domain.common.InvalidValueException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Loads the default price table shipped with Tollgate: {@code POST /api/v1/prices/defaults} sets the prices of the
 * table's models that have none yet; {@code ?overwrite=true} sets every model of the table.
 */
@RestController
public class DefaultPriceController {
    private final DefaultPricesUseCase defaults;

    public DefaultPriceController(DefaultPricesUseCase defaults) {
        this.defaults = defaults;
    }

    @PlatformAdminOnly
    @PostMapping("/api/v1/prices/defaults")
    DefaultPricesUseCase.Result load(@RequestParam(required = false) String overwrite, Authentication auth) {
        boolean replace;
        if (overwrite == null || overwrite.equals("false")) {
            replace = false;
        } else if (overwrite.equals("true")) {
            replace = true;
        } else {
            throw new InvalidValueException("overwrite", "overwrite must be true or false");
        }
        return defaults.loadDefaults(replace, CurrentCaller.of(auth));
    }
}
