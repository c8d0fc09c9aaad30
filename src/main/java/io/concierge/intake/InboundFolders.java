package io.concierge.intake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Picks up interchanges a trading partner drops into a channel's inbound folder
 * ({@code concierge.intake.channels.<key>.inbound-folder}), as if posted with a valid
 * signature: the folder is the partner's. A file taken is moved to {@code processed/},
 * one without a single order taken to {@code rejected/} beside a {@code .problems.txt};
 * the acknowledgements appear in {@code outbound/}. Files named {@code .*},
 * {@code *.part} or {@code *.tmp} are still being written and wait. A file is moved only
 * after its orders are stored, so after a crash it is read again and its orders are
 * recognised as resent.
 */
@Component
class InboundFolders {

	private static final Logger log = LoggerFactory.getLogger(InboundFolders.class);

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS");

	private final IntakeChannels channels;

	private final Submissions submissions;

	private final Clock clock;

	InboundFolders(IntakeChannels channels, Submissions submissions, Clock clock) {
		this.channels = channels;
		this.submissions = submissions;
		this.clock = clock;
	}

	static Path outbound(Path folder) {
		return folder.resolve("outbound");
	}

	@Scheduled(fixedDelayString = "${concierge.intake.folder-interval:PT2S}")
	void poll() {
		for (Map.Entry<String, IntakeChannels.Channel> channel : this.channels.all().entrySet()) {
			Path folder = channel.getValue().inboundFolder();
			if (folder != null && exists(folder)) {
				for (Path file : waiting(folder)) {
					take(channel.getKey(), channel.getValue(), file);
				}
			}
		}
	}

	private static boolean exists(Path folder) {
		try {
			Files.createDirectories(folder);
			return true;
		}
		catch (IOException ex) {
			log.warn("Cannot create the inbound folder {}", folder, ex);
			return false;
		}
	}

	private static List<Path> waiting(Path folder) {
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter(Files::isRegularFile).filter((file) -> {
				String name = file.getFileName().toString();
				return !name.startsWith(".") && !name.endsWith(".part") && !name.endsWith(".tmp");
			}).sorted().toList();
		}
		catch (IOException ex) {
			log.warn("Cannot list the inbound folder {}", folder, ex);
			return List.of();
		}
	}

	private void take(String channelKey, IntakeChannels.Channel channel, Path file) {
		@Nullable String problems;
		try {
			if (Files.size(file) > channel.maxBodySize().toBytes()) {
				problems = "The file is larger than this channel accepts (" + channel.maxBodySize().toBytes()
						+ " bytes). Nothing was stored.";
			}
			else {
				Submissions.BatchReceipt receipt = this.submissions.receiveInterchange(channelKey,
						Files.readAllBytes(file));
				problems = receipt.orders().isEmpty() ? describe(receipt) : null;
				if (!receipt.problems().isEmpty()) {
					log.info("Inbound file {} for channel {}: {} orders taken, {} problems", file.getFileName(),
							channelKey, receipt.orders().size(), receipt.problems().size());
				}
			}
		}
		catch (MalformedSubmission ex) {
			problems = "The file cannot be read: " + ex.getMessage() + ". Nothing was stored.";
		}
		catch (Submissions.Backlogged ex) {
			// it waits in the folder until the queue has room
			return;
		}
		catch (IOException | RuntimeException ex) {
			log.warn("Could not take the inbound file {}; trying again shortly", file, ex);
			return;
		}
		move(file, folder(file, (problems != null) ? "rejected" : "processed"), problems);
	}

	private static String describe(Submissions.BatchReceipt receipt) {
		StringBuilder text = new StringBuilder("Not one purchase order could be taken. Nothing was stored.\n");
		receipt.problems()
			.forEach((problem) -> text.append("segment ")
				.append(problem.line())
				.append((problem.column() != null) ? " (" + problem.column() + ")" : "")
				.append(": ")
				.append(problem.message())
				.append('\n'));
		return text.toString();
	}

	private static Path folder(Path file, String name) {
		return file.getParent().resolve(name);
	}

	private void move(Path file, Path folder, @Nullable String problems) {
		String name = this.clock.instant().atOffset(ZoneOffset.UTC).format(STAMP) + "-" + file.getFileName();
		try {
			Files.createDirectories(folder);
			if (problems != null) {
				Files.writeString(folder.resolve(name + ".problems.txt"), problems, StandardCharsets.UTF_8);
			}
			Files.move(file, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			log.warn("Could not move the inbound file {} out of the way", file, ex);
		}
	}

}
