package io.concierge.intake;

import java.util.UUID;

import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The queue through Kafka, for channels with {@code queue=KAFKA}, when
 * {@code concierge.intake.kafka.enabled} (and {@code spring.kafka.bootstrap-servers}) are
 * set. A stored submission is announced on the topic by its id, keyed by channel and
 * order id, so one order always lands in the same partition; the consumers of every node
 * (group {@code concierge-intake}) convert it. Kafka delivers at least once: a message
 * that comes twice finds its submission no longer waiting; one that never comes (the node
 * died between commit and send) leaves it to the PostgreSQL workers after
 * {@link SubmissionWorkers#KAFKA_GRACE}.
 * <p>
 * Kafka being down holds no one: the announcement is sent off the request's thread (a
 * producer without the topic's metadata waits for it, up to {@code max.block.ms}), and
 * one that fails, at once or after {@code delivery.timeout.ms}, is converted here from
 * PostgreSQL, where it is stored already.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("concierge.intake.kafka.enabled")
class KafkaQueue {

	private static final Logger log = LoggerFactory.getLogger(KafkaQueue.class);

	private final KafkaTemplate<String, String> kafka;

	private final SubmissionWorkers workers;

	private final String topic;

	KafkaQueue(KafkaTemplate<String, String> kafka, SubmissionWorkers workers,
			@Value("${concierge.intake.kafka.topic:concierge.intake.submissions}") String topic) {
		this.kafka = kafka;
		this.workers = workers;
		this.topic = topic;
	}

	@Bean
	static NewTopic intakeTopic(@Value("${concierge.intake.kafka.topic:concierge.intake.submissions}") String topic,
			@Value("${concierge.intake.kafka.partitions:6}") int partitions) {
		return TopicBuilder.name(topic).partitions(partitions).build();
	}

	/**
	 * Announces a submission once it is stored, without waiting for Kafka.
	 */
	void send(String channel, String reference, UUID id) {
		Thread.ofVirtual().name("intake-kafka-" + id).start(() -> {
			try {
				this.kafka.send(this.topic, channel + ":" + reference, id.toString()).whenComplete((result, ex) -> {
					if (ex != null) {
						// on the producer's own thread, which must not wait for the
						// database
						Thread.ofVirtual().name("intake-fallback-" + id).start(() -> fallBack(id, ex));
					}
				});
			}
			catch (RuntimeException ex) {
				fallBack(id, ex);
			}
		});
	}

	/**
	 * Converts a submission Kafka did not take; a message that arrives after all finds it
	 * done. When even that fails, the workers take it after the grace period.
	 */
	private void fallBack(UUID id, Throwable ex) {
		log.warn("Could not queue submission {} through Kafka ({}); converting it from PostgreSQL", id, ex.toString());
		try {
			this.workers.convert(id);
		}
		catch (RuntimeException failed) {
			log.warn("Submission {} is left to the workers, who take it in {} min", id,
					SubmissionWorkers.KAFKA_GRACE.toMinutes(), failed);
		}
	}

	@KafkaListener(topics = "${concierge.intake.kafka.topic:concierge.intake.submissions}",
			groupId = "concierge-intake", concurrency = "${concierge.intake.workers:2}",
			properties = "auto.offset.reset=earliest")
	void take(String id) {
		this.workers.convert(UUID.fromString(id));
	}

}
