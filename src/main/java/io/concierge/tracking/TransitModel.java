package io.concierge.tracking;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * How long parcels take, learned from delivered ones: for each carrier, service and lane
 * (origin → destination region) the distribution of transit times in the carrier's
 * working days, counted from the day the parcel really left (after the carrier's cut-off
 * it leaves the next working day). Each carrier's cut-off hour and whether it delivers on
 * Saturdays are learned too. An estimate is the median transit and the shortest range of
 * days that held at least nine in ten of the parcels, from the narrowest group with
 * enough history: carrier, service and lane; then the destination country; then the
 * service; then the carrier alone.
 */
final class TransitModel {

	/** Fewer parcels than this in a group, and the next wider group is asked. */
	static final int ENOUGH = 30;

	/** The share of parcels an estimate's range should hold. */
	static final double COVERAGE = 0.9;

	private static final int LONGEST = 30;

	private final ZoneId zone;

	private final Map<String, Carrier> carriers;

	private final Map<String, int[]> transit;

	private TransitModel(ZoneId zone, Map<String, Carrier> carriers, Map<String, int[]> transit) {
		this.zone = zone;
		this.carriers = carriers;
		this.transit = transit;
	}

	/**
	 * A delivered parcel.
	 *
	 * @param lane origin and destination region, such as {@code DE>DE-10}: the origin
	 * country, the destination country and the start of its postal code
	 */
	record Delivered(String carrier, @Nullable String service, String lane, ZonedDateTime shippedAt,
			LocalDate deliveredOn) {

	}

	/**
	 * @param likely the day most parcels like this one arrived by
	 * @param earliest the range's first day
	 * @param latest the range's last day
	 * @param basis the group it was learned from, such as {@code dhl|express|DE>DE-10}
	 * @param samples how many delivered parcels the group holds
	 */
	record Estimate(LocalDate likely, LocalDate earliest, LocalDate latest, String basis, int samples) {

	}

	/**
	 * What was learned of one carrier.
	 *
	 * @param cutoffHour parcels handed over from this hour on leave the next working day
	 */
	record Carrier(int cutoffHour, boolean saturdays) {

		boolean works(LocalDate day) {
			return day.getDayOfWeek() != DayOfWeek.SUNDAY
					&& (this.saturdays || day.getDayOfWeek() != DayOfWeek.SATURDAY);
		}

		LocalDate dispatched(ZonedDateTime shippedAt) {
			LocalDate day = shippedAt.toLocalDate();
			if (shippedAt.getHour() >= this.cutoffHour || !works(day)) {
				day = next(day);
			}
			return day;
		}

		LocalDate next(LocalDate day) {
			LocalDate next = day.plusDays(1);
			while (!works(next)) {
				next = next.plusDays(1);
			}
			return next;
		}

		LocalDate plus(LocalDate day, int workingDays) {
			LocalDate result = day;
			for (int i = 0; i < workingDays; i++) {
				result = next(result);
			}
			return result;
		}

		/**
		 * Working days from the day it left to the day it arrived; -1 when it arrived
		 * before it left (the data is wrong).
		 */
		int transit(LocalDate dispatched, LocalDate delivered) {
			if (delivered.isBefore(dispatched)) {
				return -1;
			}
			int days = 0;
			LocalDate day = dispatched;
			while (day.isBefore(delivered) && days <= LONGEST) {
				day = next(day);
				days++;
			}
			return days;
		}

	}

	static TransitModel train(List<Delivered> history, ZoneId zone) {
		Map<String, List<Delivered>> byCarrier = new HashMap<>();
		for (Delivered parcel : history) {
			byCarrier.computeIfAbsent(key(parcel.carrier()), (carrier) -> new ArrayList<>()).add(parcel);
		}
		Map<String, Carrier> carriers = new HashMap<>();
		Map<String, int[]> transit = new HashMap<>();
		byCarrier.forEach((name, parcels) -> {
			long saturdays = parcels.stream()
				.filter((parcel) -> parcel.deliveredOn().getDayOfWeek() == DayOfWeek.SATURDAY)
				.count();
			boolean deliversSaturdays = saturdays > parcels.size() / 100;
			Carrier carrier = bestCutoff(parcels, deliversSaturdays, zone);
			carriers.put(name, carrier);
			for (Delivered parcel : parcels) {
				int days = carrier.transit(carrier.dispatched(parcel.shippedAt().withZoneSameInstant(zone)),
						parcel.deliveredOn());
				if (days >= 0 && days <= LONGEST) {
					for (String group : groups(parcel.carrier(), parcel.service(), parcel.lane())) {
						transit.computeIfAbsent(group, (g) -> new int[LONGEST + 1])[days]++;
					}
				}
			}
		});
		return new TransitModel(zone, carriers, transit);
	}

	/**
	 * The cut-off hour that makes the carrier's transit times most alike within each of
	 * its groups: the true one does, as parcels handed over after it all take a day
	 * longer.
	 */
	private static Carrier bestCutoff(List<Delivered> parcels, boolean saturdays, ZoneId zone) {
		Carrier best = new Carrier(24, saturdays);
		double lowest = Double.MAX_VALUE;
		for (int hour = 8; hour <= 24; hour++) {
			Carrier candidate = new Carrier(hour, saturdays);
			Map<String, double[]> sums = new HashMap<>();
			for (Delivered parcel : parcels) {
				int days = candidate.transit(candidate.dispatched(parcel.shippedAt().withZoneSameInstant(zone)),
						parcel.deliveredOn());
				if (days >= 0) {
					double[] sum = sums.computeIfAbsent(parcel.service() + "|" + parcel.lane(), (k) -> new double[3]);
					sum[0]++;
					sum[1] += days;
					sum[2] += (double) days * days;
				}
			}
			double spread = 0;
			for (double[] sum : sums.values()) {
				spread += sum[2] - sum[1] * sum[1] / sum[0];
			}
			if (spread < lowest) {
				lowest = spread;
				best = candidate;
			}
		}
		return best;
	}

	Optional<Estimate> estimate(String carrierName, @Nullable String service, String lane, ZonedDateTime shippedAt) {
		Carrier carrier = this.carriers.get(key(carrierName));
		if (carrier == null) {
			return Optional.empty();
		}
		for (String group : groups(carrierName, service, lane)) {
			int[] counts = this.transit.get(group);
			int samples = (counts != null) ? sum(counts) : 0;
			if (samples >= ENOUGH) {
				LocalDate left = carrier.dispatched(shippedAt.withZoneSameInstant(this.zone));
				int[] range = shortestRange(counts, samples);
				return Optional.of(new Estimate(carrier.plus(left, median(counts, samples)),
						carrier.plus(left, range[0]), carrier.plus(left, range[1]), group, samples));
			}
		}
		return Optional.empty();
	}

	/**
	 * The groups a parcel belongs to, narrowest first.
	 */
	static List<String> groups(String carrier, @Nullable String service, String lane) {
		String c = key(carrier);
		String s = (service != null) ? key(service) : "-";
		int dash = lane.lastIndexOf('-');
		String country = (dash > lane.indexOf('>')) ? lane.substring(0, dash) : lane;
		return List.of(c + "|" + s + "|" + lane, c + "|" + s + "|" + country, c + "|" + s, c);
	}

	private static String key(String text) {
		return text.strip().toLowerCase(java.util.Locale.ROOT);
	}

	private static int sum(int[] counts) {
		int sum = 0;
		for (int count : counts) {
			sum += count;
		}
		return sum;
	}

	private static int median(int[] counts, int samples) {
		int seen = 0;
		for (int days = 0; days < counts.length; days++) {
			seen += counts[days];
			if (seen * 2 >= samples) {
				return days;
			}
		}
		return counts.length - 1;
	}

	/**
	 * The fewest consecutive days that held at least {@link #COVERAGE} of the parcels; of
	 * equally short ones, the earliest.
	 */
	private static int[] shortestRange(int[] counts, int samples) {
		int need = (int) Math.ceil(samples * COVERAGE);
		int[] best = { 0, counts.length - 1 };
		for (int from = 0; from < counts.length; from++) {
			int held = 0;
			for (int to = from; to < counts.length; to++) {
				held += counts[to];
				if (held >= need) {
					if (to - from < best[1] - best[0]) {
						best = new int[] { from, to };
					}
					break;
				}
			}
		}
		return best;
	}

}
