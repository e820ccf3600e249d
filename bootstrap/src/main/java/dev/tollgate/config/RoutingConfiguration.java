package dev.tollgate.config;

import dev.tollgate.adapter.out.persistence.channel.ConcurrencySharesPersistenceAdapter;
import dev.tollgate.application.billing.port.out.AllowancePort;
import dev.tollgate.application.billing.port.out.BillingNode;
import dev.tollgate.application.channel.port.in.RoutingPolicyView;
import dev.tollgate.application.channel.service.ChannelHealthService;
import dev.tollgate.application.channel.service.RoutingPolicyService;
import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.application.relay.port.out.ConcurrencySharesPort;
import dev.tollgate.application.relay.port.out.RelayMetricsPort;
import dev.tollgate.application.relay.service.ChannelRouter;
import dev.tollgate.application.relay.service.ClusterConcurrency;
import dev.tollgate.application.relay.service.RelaySettings;
import dev.tollgate.domain.channel.RoutingPolicy;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ConfigurerModule;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Routing: the routing rules (the {@link RoutingPolicy} aggregate, its in-memory view and the admin use case), the
 * shares of cluster-wide concurrency limits, and the channel router that applies both on the relay's path.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RoutingProperties.class)
public class RoutingConfiguration {
    @Bean
    ConfigurerModule routingPolicyAggregateModule() {
        return configurer -> configurer.configureAggregate(RoutingPolicy.class);
    }

    @Bean
    RoutingPolicyView routingPolicyView(ViewFreshness freshness) {
        return new RoutingPolicyView(freshness);
    }

    @Bean
    RoutingPolicyService routingPolicyService(
            CommandGateway commands, RoutingPolicyView view, ClockPort clock, ViewFreshness freshness) {
        return new RoutingPolicyService(commands, view, clock, freshness);
    }

    @Bean
    ConcurrencySharesPersistenceAdapter concurrencySharesPort(AllowancePort allowances) {
        return new ConcurrencySharesPersistenceAdapter(allowances);
    }

    @Bean
    ClusterConcurrency clusterConcurrency(ConcurrencySharesPort shares, BillingNode node) {
        return new ClusterConcurrency(shares, node.id());
    }

    @Bean
    ClusterConcurrencyScheduler clusterConcurrencyScheduler(ClusterConcurrency cluster, RoutingProperties properties) {
        return new ClusterConcurrencyScheduler(cluster, properties.concurrencyRebalance());
    }

    @Bean
    ChannelRouter channelRouter(
            RelaySettings settings,
            RelayMetricsPort metrics,
            ChannelHealthService health,
            RoutingPolicyView policy,
            RoutingProperties properties,
            ClusterConcurrency cluster) {
        return new ChannelRouter(settings, metrics, health, policy, properties.latencyDecay(), cluster);
    }
}
