package dev.aegan.topics.startup;

import dev.aegan.contracts.TopicDefinition;
import dev.aegan.contracts.kafka.KafkaClientSettings;
import dev.aegan.topics.ProvisioningMode;
import dev.aegan.topics.ProvisioningReport;
import dev.aegan.topics.TopicProvisioner;
import dev.aegan.topics.TopicProvisioningException;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Every service brings all the platform's topics in line with their definitions as it starts:
 * whichever service starts first on an empty cluster creates them all.
 * <p>
 * It must run before SmallRye Reactive Messaging connects the channels (a {@code StartupEvent}
 * observer of priority {@code LIBRARY_BEFORE}, 1000): a consumer or producer that meets a missing
 * topic on a broker with {@code auto.create.topics.enable} would create it with the broker's
 * defaults (one partition, a week's retention). Hence the lowest priority there is.
 */
@Singleton
public class ProvisionTopicsAtStart {
    private static final Logger LOG = Logger.getLogger(ProvisionTopicsAtStart.class);

    void provision(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent start, TopicsConfig config,
                   KafkaClientSettings kafka) {
        List<TopicDefinition> topics = config.definitions();
        ProvisioningReport report;
        try {
            report = new TopicProvisioner(kafka, config.brokerTimeout()).provision(topics, config.provisioning());
        } catch (TopicProvisioningException e) {
            throw new TopicProvisioningException(e.getMessage() + "\n(settings: kafka.bootstrap.servers, kafka.* client "
                    + "security settings, aegan.topics.provisioning=" + config.provisioning().name().toLowerCase()
                    + ", aegan.topics.broker-timeout=" + config.brokerTimeout() + ")", e.problems(), e);
        }
        if (config.provisioning() != ProvisioningMode.OFF) {
            LOG.infof("the %d platform topics are as defined (%s mode): %d created, %d configs set", topics.size(),
                    config.provisioning().name().toLowerCase(), report.created().size(), report.aligned().size());
        }
    }
}
