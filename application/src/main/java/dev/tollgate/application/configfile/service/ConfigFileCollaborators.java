package dev.tollgate.application.configfile.service;

import dev.tollgate.application.account.port.in.SelfServiceUseCase;
import dev.tollgate.application.billing.port.in.GroupMultiplierUseCase;
import dev.tollgate.application.billing.port.in.IncentiveUseCase;
import dev.tollgate.application.billing.port.in.SetPriceUseCase;
import dev.tollgate.application.channel.port.in.CreateChannelUseCase;
import dev.tollgate.application.channel.port.in.ManageChannelUseCase;
import dev.tollgate.application.organization.port.in.OrganizationUseCase;

/** The use cases the configuration file drives, and the reader of the current state it compares with. */
public record ConfigFileCollaborators(
        CreateChannelUseCase createChannel,
        ManageChannelUseCase manageChannel,
        SetPriceUseCase prices,
        GroupMultiplierUseCase multipliers,
        OrganizationUseCase organizations,
        SelfServiceUseCase registration,
        IncentiveUseCase incentives,
        LiveConfigState live) {}
