package io.concierge.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
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
					+ "administrator at /admin/api-keys), and the partner APIs under /api/partner for carriers' and "
					+ "vendors' systems (a token of the partner scope from POST /oauth2/token, or an API key, made by the "
					+ "partner at /partner/api). Errors are application/problem+json (RFC 9457)."))
			.components(new Components()
				.addSecuritySchemes("apiKey",
						new SecurityScheme().type(SecurityScheme.Type.HTTP)
							.scheme("bearer")
							.description("Authorization: Bearer ck_…"))
				.addSecuritySchemes("partnerClient",
						new SecurityScheme().type(SecurityScheme.Type.OAUTH2)
							.description("A partner's OAuth client (made at /partner/api), client_credentials grant")
							.flows(new OAuthFlows().clientCredentials(new OAuthFlow().tokenUrl("/oauth2/token")
								.scopes(new Scopes().addString("partner", "Call the partner APIs for its partner")))))
				.addSecuritySchemes("session",
						new SecurityScheme().type(SecurityScheme.Type.APIKEY)
							.in(SecurityScheme.In.COOKIE)
							.name("__Host-CONCIERGE_SESSION")));
	}

}
