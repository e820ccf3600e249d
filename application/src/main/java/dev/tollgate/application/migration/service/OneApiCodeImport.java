package dev.tollgate.application.migration.service;

import dev.tollgate.application.billing.port.in.RedemptionDirectory;
import dev.tollgate.application.common.ApiKeys;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.application.common.port.out.IdGeneratorPort;
import dev.tollgate.application.migration.port.out.OneApiSnapshot.OneApiRedemption;
import dev.tollgate.domain.billing.command.CreateRedemptionBatchCommand;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * Unused one-api redemption codes as redemption batches (one per name and value, at most 1,000 codes each): the same
 * code text redeems here, once. Used and disabled codes do not come across.
 */
class OneApiCodeImport {
    static final String KIND = "redemption";
    private static final int UNUSED = 1;

    private final CommandGateway commands;
    private final RedemptionDirectory directory;
    private final IdGeneratorPort ids;
    private final ClockPort clock;

    OneApiCodeImport(CommandGateway commands, RedemptionDirectory directory, IdGeneratorPort ids, ClockPort clock) {
        this.commands = commands;
        this.directory = directory;
        this.ids = ids;
        this.clock = clock;
    }

    void run(List<OneApiRedemption> rows, KindRun run, String actor) {
        run.start(rows.size());
        Map<String, List<OneApiRedemption>> batches = new LinkedHashMap<>();
        Set<String> hashes = new HashSet<>();
        for (OneApiRedemption r : rows) {
            String id = String.valueOf(r.id());
            if (run.alreadyDone(id)) {
                continue;
            }
            String code = r.key() == null ? "" : r.key().trim();
            if (r.status() != UNUSED) {
                run.skip(id, r.name(), r.status() == 3 ? "used" : "disabled");
            } else if (code.isEmpty() || r.quota() <= 0) {
                run.skip(id, r.name(), "no code or no value");
            } else if (!hashes.add(ApiKeys.hash(code))
                    || directory.batchOf(ApiKeys.hash(code)).isPresent()) {
                run.skip(id, r.name(), "a code with the same text exists already");
            } else {
                batches.computeIfAbsent(batchName(r) + "\u0000" + r.quota(), k -> new ArrayList<>())
                        .add(r);
            }
        }
        for (List<OneApiRedemption> group : batches.values()) {
            for (int from = 0; from < group.size(); from += CreateRedemptionBatchCommand.MAX_CODES) {
                create(
                        group.subList(from, Math.min(group.size(), from + CreateRedemptionBatchCommand.MAX_CODES)),
                        run,
                        actor);
            }
        }
    }

    private void create(List<OneApiRedemption> codes, KindRun run, String actor) {
        OneApiRedemption first = codes.getFirst();
        if (run.dryRun()) {
            codes.forEach(r -> run.created(String.valueOf(r.id()), KindRun.PLANNED));
            return;
        }
        String batchId = ids.newId();
        try {
            commands.sendAndWait(new CreateRedemptionBatchCommand(
                    batchId,
                    batchName(first),
                    first.quota(),
                    null,
                    codes.stream().map(r -> ApiKeys.hash(r.key().trim())).toList(),
                    actor,
                    clock.now()));
            codes.forEach(r -> run.created(String.valueOf(r.id()), batchId));
        } catch (RuntimeException e) {
            codes.forEach(r -> run.fail(String.valueOf(r.id()), r.name(), KindRun.reason(e)));
        }
    }

    private static String batchName(OneApiRedemption r) {
        String name = r.name() == null || r.name().isBlank()
                ? "one-api codes"
                : "one-api: " + r.name().trim();
        return name.length() > 100 ? name.substring(0, 100) : name;
    }
}
