package io.concierge.web;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.concierge.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class DemoDataSeedingTests {

	@Autowired
	DemoDataSeeding seeding;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	StartupBanner banner;

	@Test
	void seedsEachDataSetOnlyOnce() {
		long accounts = countAccounts();
		this.seeding.run(new DefaultApplicationArguments());
		assertThat(countAccounts()).isEqualTo(accounts).isGreaterThanOrEqualTo(5);
		assertThat(this.jdbc.sql("select name from demo_data").query(String.class).list())
			.contains("identity.accounts");
	}

	@Test
	void bannerNamesTheAddressAndEveryDemoLogin() {
		assertThat(this.banner.text()).contains("http://localhost:", "alex.morgan@example.com",
				"jana.keller@nordwind.example", "admin@concierge.example", "customer (business)",
				"dispatch@dhl.example", "orders@oakandclay.example");
	}

	private long countAccounts() {
		return this.jdbc.sql("select count(*) from account").query(Long.class).single();
	}

}
