package io.concierge.orders;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.Principal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.concierge.IntegrationTest;
import io.concierge.documents.DocumentKind;
import io.concierge.documents.Documents;
import io.concierge.identity.Accounts;
import io.concierge.identity.Caller;
import io.concierge.identity.Callers;
import io.concierge.identity.TestLogins;
import io.concierge.identity.TestLogins.TestLogin;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A return's photos are the customer's documents: kept encrypted in the document store,
 * listed on their documents page with every agent who looked at them; and the photos kept
 * in the database before are moved there without losing one.
 */
@IntegrationTest
class ReturnPhotoStoreTests {

	@Autowired
	OrderManagement management;

	@Autowired
	OrderSelfService self;

	@Autowired
	ChangeApprovals approvals;

	@Autowired
	ReturnPhotoStore photos;

	@Autowired
	Documents documents;

	@Autowired
	Accounts accounts;

	@Autowired
	Callers callers;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aReturnsPhotoIsTheCustomersDocumentAndTheySeeTheAgentWhoLookedAtIt() throws Exception {
		TestLogin customer = TestLogins.customer(this.accounts);
		Caller caller = this.callers.of((Principal) customer::email);
		byte[] photo = png(0x3366cc);
		ChangeView requested = returnWith(caller, customer, List.of(new ReturnPhotos.Photo("image/png", photo)));
		UUID photoId = this.approvals.review(requested.id()).photos().getFirst();

		ReturnPhotos.Photo seen = this.approvals.photo(requested.id(), photoId, "agent@concierge.example")
			.orElseThrow();

		assertThat(pixel(seen.content())).isEqualTo(0x3366cc);
		assertThat(this.jdbc.sql("select content is null from return_photo where id = ?")
			.param(photoId)
			.query(Boolean.class)
			.single()).as("no bytes in the database").isTrue();
		assertThat(this.documents.mine(caller)).singleElement().satisfies((document) -> {
			assertThat(document.kind()).isEqualTo(DocumentKind.RETURN_PHOTO);
			assertThat(document.name()).isEqualTo("Return " + requested.returnNumber() + " photo 1.png");
			assertThat(document.accesses()).singleElement().satisfies((access) -> {
				assertThat(access.actor()).isEqualTo("agent@concierge.example");
				assertThat(access.purpose()).isEqualTo("reviewing return " + requested.returnNumber());
			});
		});
	}

	@Test
	void photosKeptInTheDatabaseBeforeAreMovedIntoTheStoreAndNoneIsLost() throws Exception {
		TestLogin customer = TestLogins.customer(this.accounts);
		Caller caller = this.callers.of((Principal) customer::email);
		ChangeView requested = returnWith(caller, customer, List.of());
		UUID old = UUID.randomUUID();
		// as the orders module kept them until the document store came
		this.jdbc.sql("insert into return_photo (id, change_id, content_type, content) values (?, ?, 'image/png', ?)")
			.params(old, requested.id(), png(0x22aa44))
			.update();

		this.photos.moveOldPhotos();

		assertThat(this.jdbc.sql("select document_id is not null and content is null from return_photo where id = ?")
			.param(old)
			.query(Boolean.class)
			.single()).isTrue();
		assertThat(pixel(this.approvals.photo(requested.id(), old, "agent@concierge.example").orElseThrow().content()))
			.isEqualTo(0x22aa44);
		assertThat(this.documents.mine(caller)).singleElement()
			.satisfies((document) -> assertThat(document.kind()).isEqualTo(DocumentKind.RETURN_PHOTO));
	}

	@Test
	void aPhotoTheStoreRefusesStaysWhereItWasAndTheOthersAreMoved() throws Exception {
		TestLogin customer = TestLogins.customer(this.accounts);
		Caller caller = this.callers.of((Principal) customer::email);
		ChangeView requested = returnWith(caller, customer, List.of());
		UUID refused = UUID.randomUUID();
		UUID good = UUID.randomUUID();
		this.jdbc.sql("insert into return_photo (id, change_id, content_type, content) values (?, ?, 'image/png', ?)")
			.params(refused, requested.id(), new byte[0])
			.update();
		this.jdbc.sql("insert into return_photo (id, change_id, content_type, content) values (?, ?, 'image/png', ?)")
			.params(good, requested.id(), png(0x994411))
			.update();

		this.photos.moveOldPhotos();

		assertThat(this.jdbc
			.sql("select unmovable and content is not null and document_id is null from return_photo where id = ?")
			.param(refused)
			.query(Boolean.class)
			.single()).as("the empty one stays, marked").isTrue();
		assertThat(pixel(this.approvals.photo(requested.id(), good, "agent@concierge.example").orElseThrow().content()))
			.isEqualTo(0x994411);
	}

	private ChangeView returnWith(Caller caller, TestLogin customer, List<ReturnPhotos.Photo> photos) {
		Instant deliveredAt = Instant.now().minus(40, ChronoUnit.DAYS);
		String number = this.management.place(Orders.aTwoLineOrder(caller.account(), Instant.now()));
		this.management.apply(new FulfilmentUpdate(number, LineStatus.SHIPPED, deliveredAt.minus(1, ChronoUnit.DAYS),
				List.of(), "DHL", null, "JD" + UUID.randomUUID(), LocalDate.now(), null));
		this.management.apply(new FulfilmentUpdate(number, LineStatus.DELIVERED, deliveredAt, List.of(), null, null,
				null, null, null));
		return this.self.requestReturn(caller, number, new OrderSelfService.ReturnRequest(Map.of(1, 1), Map.of(),
				ReturnReason.DAMAGED, "The handle broke", Resolution.REFUND), photos, customer.email(), "test");
	}

	private static byte[] png(int rgb) throws Exception {
		BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
		for (int x = 0; x < 8; x++) {
			for (int y = 0; y < 8; y++) {
				image.setRGB(x, y, rgb);
			}
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, "png", out);
		return out.toByteArray();
	}

	private static int pixel(byte[] content) throws Exception {
		return ImageIO.read(new ByteArrayInputStream(content)).getRGB(4, 4) & 0xFFFFFF;
	}

}
