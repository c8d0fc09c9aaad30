package io.concierge.intake;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * The channels orders come in through, from {@code concierge.intake.channels.<key>.*}.
 */
@Component
@EnableConfigurationProperties(IntakeChannels.Settings.class)
public class IntakeChannels {

	private final Map<String, Channel> channels;

	IntakeChannels(Settings settings) {
		this.channels = Map.copyOf(settings.channels());
	}

	public Set<String> keys() {
		return new TreeSet<>(this.channels.keySet());
	}

	public Optional<Channel> find(String key) {
		return Optional.ofNullable(this.channels.get(key));
	}

	/**
	 * @param secret what the channel signs its submissions with; without one every
	 * submission is refused
	 * @param organisation the company whose orders come this way, if any; otherwise each
	 * order belongs to its customer's email address
	 * @param maxBodySize larger submissions are refused before they are read
	 * @param priority higher is converted first when work queues up
	 * @param maxBacklog how many submissions may wait; more are asked to come back later
	 * @param rules the checks its orders go through, each with what a failure does
	 * @param currencies the currencies the {@code currency} check takes
	 * @param maxTotal the {@code total} check's limit, in the order's currency
	 * @param maxQuantity the {@code quantity} check's limit per line
	 * @param creditLimit the {@code credit-limit} check's limit for the company's orders
	 * on their way, in the order's currency
	 */
	public record Channel(Format format, @Nullable String secret, @Nullable UUID organisation,
			@DefaultValue("1MB") DataSize maxBodySize, @DefaultValue("5") int priority,
			@DefaultValue("10000") int maxBacklog, @Nullable Map<IntakeRules.Rule, IntakeRules.Action> rules,
			@Nullable Set<String> currencies, @Nullable BigDecimal maxTotal, @DefaultValue("1000") int maxQuantity,
			@Nullable BigDecimal creditLimit) {

		public Channel {
			rules = (rules != null) ? Map.copyOf(rules) : Map.of();
			currencies = (currencies != null) ? Set.copyOf(currencies) : Set.of();
		}

	}

	@ConfigurationProperties("concierge.intake")
	record Settings(@Nullable Map<String, Channel> channels) {

		Settings {
			channels = (channels != null) ? channels : Map.of();
		}

	}

}
