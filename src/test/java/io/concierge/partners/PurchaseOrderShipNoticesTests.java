package io.concierge.partners;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PurchaseOrderShipNoticesTests {

	private static final String ISA = "ISA*00*          *00*          *ZZ*VENDOR         *ZZ*CONCIERGE      "
			+ "*261207*1200*U*00401*000000001*0*P*>~ST*856~BSN*00*ASN-1~PRF*PO-1~";

	@Test
	void addsTheUnitsOfAnItemNamedTwice() throws Exception {
		PurchaseOrderShipNotices.ShipNotice notice = PurchaseOrderShipNotices
			.read((ISA + "LIN*1~SN1**4~LIN*1~SN1**2.00~LIN**VP*MUG-01~SN1**1~").getBytes(StandardCharsets.UTF_8));

		assertThat(notice.units()).containsEntry("1", 6).containsEntry("MUG-01", 1);
	}

	@Test
	void refusesUnitsThatAddUpPastAnyCountInsteadOfWrappingAround() {
		// 4 × 999,999,999 + 294,967,305 is 2^32 + 5: as an int, 5 units
		String items = "LIN*1~SN1**999999999~".repeat(4) + "LIN*1~SN1**294967305~";

		assertThatThrownBy(() -> PurchaseOrderShipNotices.read((ISA + items).getBytes(StandardCharsets.UTF_8)))
			.isInstanceOf(PurchaseOrderShipNotices.NotX12.class)
			.hasMessageContaining("add up to more than");
	}

	@Test
	void refusesANulCharacter() {
		assertThatThrownBy(() -> PurchaseOrderShipNotices
			.read((ISA + "LIN*1~SN1**1~").replace("ASN-1", "ASN\u0000").getBytes(StandardCharsets.UTF_8)))
			.isInstanceOf(PurchaseOrderShipNotices.NotX12.class);
	}

}
