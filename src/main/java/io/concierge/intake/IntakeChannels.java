package io.concierge.intake;

import java.util.Map;
import java.util.Optional;
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
	 */
	public record Channel(Format format, @Nullable String secret, @Nullable UUID organisation,
			@DefaultValue("1MB") DataSize maxBodySize, @DefaultValue("5") int priority,
			@DefaultValue("10000") int maxBacklog) {

	}

	@ConfigurationProperties("concierge.intake")
	record Settings(@Nullable Map<String, Channel> channels) {

		Settings {
			channels = (channels != null) ? channels : Map.of();
		}

	}

}
