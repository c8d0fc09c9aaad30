package io.concierge.tracking;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Delivered parcels with a known truth: each carrier has a cut-off hour, delivers on
 * Saturdays or not, and each lane a base transit in working days; on top, most parcels
 * are on time, some a day or two late, a few much later. Handed over Monday to Saturday
 * between 8:00 and 20:00.
 */
final class TransitHistory {

	static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

	private TransitHistory() {
	}

	/**
	 * @param cutoff the hour from which a parcel leaves the next working day
	 * @param base working days in transit, per lane
	 */
	record Truth(String carrier, String service, int cutoff, boolean saturdays, String[] lanes, int[] base) {

	}

	static final List<Truth> TRUTH = List.of(
			new Truth("DHL", "Paket", 16, true, new String[] { "DE>DE-10", "DE>DE-80", "DE>AT-10", "DE>FR-75" },
					new int[] { 1, 2, 3, 4 }),
			new Truth("DPD", "Classic", 14, false, new String[] { "DE>DE-10", "DE>DE-20", "DE>NL-10" },
					new int[] { 1, 1, 2 }),
			new Truth("UPS", "Express Saver", 18, false, new String[] { "DE>DE-10", "DE>GB-SW", "DE>US-10" },
					new int[] { 1, 2, 3 }),
			new Truth("UPS", "Standard", 18, false, new String[] { "DE>DE-10", "DE>GB-SW", "DE>IT-00" },
					new int[] { 2, 4, 5 }));

	static List<TransitModel.Delivered> generate(int count, long seed) {
		Random random = new Random(seed);
		List<TransitModel.Delivered> parcels = new ArrayList<>(count);
		ZonedDateTime start = ZonedDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZONE);
		for (int i = 0; i < count; i++) {
			Truth truth = TRUTH.get(random.nextInt(TRUTH.size()));
			int lane = random.nextInt(truth.lanes().length);
			ZonedDateTime shipped = start.plusMinutes((long) i * 365L * 24 * 60 / count);
			while (shipped.getDayOfWeek() == DayOfWeek.SUNDAY || shipped.getHour() < 8 || shipped.getHour() >= 20) {
				shipped = shipped.plusHours(1);
			}
			TransitModel.Carrier carrier = new TransitModel.Carrier(truth.cutoff(), truth.saturdays());
			int roll = random.nextInt(100);
			int late = (roll < 72) ? 0 : (roll < 90) ? 1 : (roll < 97) ? 2 : 3 + random.nextInt(4);
			LocalDate delivered = carrier.plus(carrier.dispatched(shipped), truth.base()[lane] + late);
			parcels.add(new TransitModel.Delivered(truth.carrier(), truth.service(), truth.lanes()[lane], shipped,
					delivered));
		}
		return parcels;
	}

}
