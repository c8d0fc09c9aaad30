package io.concierge.intake;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Amazon's Login with Amazon token endpoint and Selling Partner API Orders v0, as far as
 * the poller uses them, on 127.0.0.1: orders and items as JSON in Amazon's documented
 * shapes, one order per page so paging is exercised.
 */
final class FakeAmazon implements AutoCloseable {

	static final String TOKEN = "Atza|fake-access-token";

	private final HttpServer server;

	final List<String> orders = new CopyOnWriteArrayList<>();

	final Map<String, String> items = new ConcurrentHashMap<>();

	final List<String> updatedAfter = new CopyOnWriteArrayList<>();

	final AtomicInteger tokensIssued = new AtomicInteger();

	volatile boolean failing;

	FakeAmazon() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/auth/o2/token", this::token);
		this.server.createContext("/orders/v0/orders", this::orders);
		this.server.start();
	}

	URI baseUrl() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	private void token(HttpExchange exchange) throws IOException {
		String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		if (!form.contains("grant_type=refresh_token") || !form.contains("refresh_token=Atzr%7Crefresh")) {
			answer(exchange, 400, "{\"error\": \"invalid_grant\"}");
			return;
		}
		this.tokensIssued.incrementAndGet();
		answer(exchange, 200,
				"{\"access_token\": \"" + TOKEN + "\", \"token_type\": \"bearer\", \"expires_in\": 3600}");
	}

	private void orders(HttpExchange exchange) throws IOException {
		if (!TOKEN.equals(exchange.getRequestHeaders().getFirst("x-amz-access-token"))) {
			answer(exchange, 403, "{\"errors\": [{\"code\": \"Unauthorized\"}]}");
			return;
		}
		if (this.failing) {
			answer(exchange, 503, "{\"errors\": [{\"code\": \"ServiceUnavailable\"}]}");
			return;
		}
		String path = exchange.getRequestURI().getPath();
		String query = (exchange.getRequestURI().getQuery() != null) ? exchange.getRequestURI().getQuery() : "";
		if (path.endsWith("/orderItems")) {
			String id = path.split("/")[4];
			answer(exchange, 200, "{\"payload\": {\"AmazonOrderId\": \"" + id + "\", \"OrderItems\": "
					+ this.items.getOrDefault(id, "[]") + "}}");
			return;
		}
		int page = 0;
		for (String parameter : query.split("&")) {
			if (parameter.startsWith("NextToken=")) {
				page = Integer.parseInt(parameter.substring("NextToken=".length()));
			}
			if (parameter.startsWith("LastUpdatedAfter=")) {
				this.updatedAfter.add(parameter.substring("LastUpdatedAfter=".length()));
			}
		}
		List<String> all = new ArrayList<>(this.orders);
		String orders = (page < all.size()) ? "[" + all.get(page) + "]" : "[]";
		String next = (page + 1 < all.size()) ? ", \"NextToken\": \"" + (page + 1) + "\"" : "";
		answer(exchange, 200,
				"{\"payload\": {\"Orders\": " + orders + next + ", \"LastUpdatedBefore\": \"2026-11-22T10:00:00Z\"}}");
	}

	private static void answer(HttpExchange exchange, int status, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/**
	 * An order Amazon has completed: shipped by the seller, with its address and total.
	 */
	static String unshipped(String id, String email) {
		return """
				{"AmazonOrderId": "%s", "PurchaseDate": "2026-11-21T18:04:11Z", "LastUpdateDate": "2026-11-21T18:20:00Z",
				 "OrderStatus": "Unshipped", "FulfillmentChannel": "MFN", "SalesChannel": "Amazon.de",
				 "OrderTotal": {"CurrencyCode": "EUR", "Amount": "53.90"}, "MarketplaceId": "A1PA6795UKMFR9",
				 "ShippingAddress": {"Name": "Jürgen Weiß", "AddressLine1": "Kastanienallee 12", "AddressLine2": "Hinterhaus",
				   "City": "Berlin", "PostalCode": "10435", "CountryCode": "DE"},
				 "BuyerInfo": {"BuyerEmail": "%s"}}"""
			.formatted(id, email);
	}

	/**
	 * The same order while Amazon still checks the payment: no address, no total.
	 */
	static String pending(String id) {
		return """
				{"AmazonOrderId": "%s", "PurchaseDate": "2026-11-21T18:04:11Z", "LastUpdateDate": "2026-11-21T18:05:00Z",
				 "OrderStatus": "Pending", "FulfillmentChannel": "MFN", "MarketplaceId": "A1PA6795UKMFR9"}"""
			.formatted(id);
	}

	/**
	 * Two lines: two mugs at 12.50 (ItemPrice is the line's, 25.00) with a 2.50
	 * promotion, one teapot; taxes included in the prices, shipping 4.90.
	 */
	static String items() {
		return """
				[{"ASIN": "B0MUG00001", "SellerSKU": "MUG-01", "OrderItemId": "68828574383266", "Title": "Steingut-Becher, 350 ml",
				  "QuantityOrdered": 2, "QuantityShipped": 0, "ItemPrice": {"CurrencyCode": "EUR", "Amount": "25.00"},
				  "ItemTax": {"CurrencyCode": "EUR", "Amount": "3.99"},
				  "PromotionDiscount": {"CurrencyCode": "EUR", "Amount": "2.50"},
				  "ShippingPrice": {"CurrencyCode": "EUR", "Amount": "4.90"},
				  "ShippingTax": {"CurrencyCode": "EUR", "Amount": "0.00"}},
				 {"ASIN": "B0POT00007", "SellerSKU": "POT-07", "OrderItemId": "68828574383267", "Title": "Teekanne „Kyoto“",
				  "QuantityOrdered": 1, "QuantityShipped": 0, "ItemPrice": {"CurrencyCode": "EUR", "Amount": "26.50"},
				  "ItemTax": {"CurrencyCode": "EUR", "Amount": "4.23"}}]""";
	}

}
