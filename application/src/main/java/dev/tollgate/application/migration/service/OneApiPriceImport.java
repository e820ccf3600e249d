package dev.tollgate.application.migration.service;

import dev.tollgate.application.billing.port.in.GroupMultiplierUseCase;
import dev.tollgate.application.billing.port.in.OneApiRatiosUseCase;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.migration.port.out.OneApiSnapshot;
import java.util.Map;

/**
 * Prices from one-api's options: {@code ModelRatio} with {@code CompletionRatio} through the ratio importer that
 * already exists, {@code GroupRatio} as group multipliers. Each option is one record of the import.
 */
class OneApiPriceImport {
    static final String KIND = "price";

    private final OneApiRatiosUseCase ratios;
    private final GroupMultiplierUseCase groups;

    OneApiPriceImport(OneApiRatiosUseCase ratios, GroupMultiplierUseCase groups) {
        this.ratios = ratios;
        this.groups = groups;
    }

    void run(OneApiSnapshot snapshot, KindRun run, Caller caller) {
        run.start(2);
        snapshot.optionProblems().forEach((option, problem) -> run.skip(option, option, problem));
        if (!run.alreadyDone("ModelRatio")
                && !snapshot.modelRatio().isEmpty()
                && !snapshot.optionProblems().containsKey("ModelRatio")) {
            if (run.dryRun()) {
                run.note(snapshot.modelRatio().size() + " model prices to set");
                run.created("ModelRatio", KindRun.PLANNED);
            } else {
                try {
                    int n = ratios.importRatios(snapshot.modelRatio(), snapshot.completionRatio(), caller)
                            .imported();
                    run.note(n + " model prices set");
                    run.created("ModelRatio", "prices");
                } catch (RuntimeException e) {
                    run.fail("ModelRatio", "ModelRatio", KindRun.reason(e));
                }
            }
        }
        if (!run.alreadyDone("GroupRatio")
                && !snapshot.groupRatio().isEmpty()
                && !snapshot.optionProblems().containsKey("GroupRatio")) {
            try {
                Map<String, Long> perMille = groups.check(snapshot.groupRatio());
                if (!run.dryRun()) {
                    groups.setAll(perMille, caller);
                }
                run.note(perMille.size() + " group multipliers " + (run.dryRun() ? "to set" : "set"));
                run.created("GroupRatio", "group-multipliers");
            } catch (RuntimeException e) {
                run.fail("GroupRatio", "GroupRatio", KindRun.reason(e));
            }
        }
    }
}
