package dev.tollgate.application.migration.service;

import dev.tollgate.application.account.port.in.ImportUserUseCase;
import dev.tollgate.application.billing.port.in.GroupMultiplierUseCase;
import dev.tollgate.application.billing.port.in.OneApiRatiosUseCase;
import dev.tollgate.application.billing.port.in.RedemptionDirectory;
import dev.tollgate.application.billing.port.in.WalletUseCase;
import dev.tollgate.application.channel.port.in.CreateChannelUseCase;
import dev.tollgate.application.channel.port.in.ManageChannelUseCase;
import dev.tollgate.application.common.port.out.IdGeneratorPort;
import dev.tollgate.application.token.port.in.ImportTokenUseCase;
import org.axonframework.commandhandling.gateway.CommandGateway;

/** The use cases an import drives: one per kind of record it brings across. */
public record ImportCollaborators(
        OneApiRatiosUseCase ratios,
        GroupMultiplierUseCase groupMultipliers,
        CreateChannelUseCase createChannel,
        ManageChannelUseCase manageChannel,
        ImportUserUseCase users,
        ImportTokenUseCase tokens,
        WalletUseCase wallets,
        CommandGateway commands,
        RedemptionDirectory redemptions,
        IdGeneratorPort ids) {}
