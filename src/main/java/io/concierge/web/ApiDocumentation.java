package io.concierge.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description of {@code /api/**}, served at {@code /v3/api-docs} and
 * browsable at {@code /swagger-ui.html}.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

	@Bean
	OpenAPI concierge() {
		return new OpenAPI().info(new Info().title("Concierge API")
			.version("1")
			.description("Customers' orders, invoices and payments (signed in with the portal's session cookie), "
					+ "the payment providers' signed webhooks, and the fulfilment feed for warehouses and ERPs (an API key with the fulfilment scope, made by an "
					+ "administrator at /admin/api-keys). Errors are application/problem+json (RFC 9457)."))
			.components(new Components()
				.addSecuritySchemes("apiKey",
						new SecurityScheme().type(SecurityScheme.Type.HTTP)
							.scheme("bearer")
							.description("Authorization: Bearer ck_…"))
				.addSecuritySchemes("session",
						new SecurityScheme().type(SecurityScheme.Type.APIKEY)
							.in(SecurityScheme.In.COOKIE)
							.name("CONCIERGE_SESSION")));
	}

}
