package io.concierge.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import io.concierge.shared.StrictJson;

/**
 * JSON request bodies of every API (fulfilment, order changes, payments, partners) are
 * read with {@link StrictJson}'s limits: nesting, string and number length bounded,
 * duplicate keys and trailing content refused. Spring's own reader would take a key twice
 * (the last one winning, so two systems reading the same body could see different orders)
 * and nest hundreds deep. Only the server's converter is changed: the application's
 * {@link JsonMapper} also reads what Concierge wrote itself (event publications), which
 * needs none of this.
 */
@Configuration(proxyBeanMethods = false)
class StrictRequestBodies {

	/** After Boot's own, which puts in the converter of the application's mapper. */
	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	ServerHttpMessageConvertersCustomizer strictJsonBodies(JsonMapper applicationMapper,
			ObjectProvider<JsonMapperBuilderCustomizer> customizers) {
		JsonMapper strict = strict(applicationMapper, customizers);
		return (builder) -> builder.withJsonConverter(new JacksonJsonHttpMessageConverter(strict));
	}

	/**
	 * The application's mapper as Boot builds it (its modules and
	 * {@code spring.jackson.*} settings), on a factory with the strict reader's limits.
	 */
	static JsonMapper strict(JsonMapper applicationMapper, ObjectProvider<JsonMapperBuilderCustomizer> customizers) {
		JsonFactory factory = applicationMapper.tokenStreamFactory()
			.rebuild()
			.streamReadConstraints(StrictJson.constraints())
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.build();
		JsonMapper.Builder builder = JsonMapper.builder(factory);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
	}

}
