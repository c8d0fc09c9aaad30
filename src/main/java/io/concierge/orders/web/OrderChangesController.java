package io.concierge.orders.web;

import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.concierge.identity.Caller;
import io.concierge.identity.Callers;
import io.concierge.identity.StepUp;
import io.concierge.orders.Address;
import io.concierge.orders.ChangeAction;
import io.concierge.orders.ChangeRefused;
import io.concierge.orders.ChangeView;
import io.concierge.orders.DeliveryPreferences;
import io.concierge.orders.IdempotentRequests;
import io.concierge.orders.InvalidChange;
import io.concierge.orders.OrderSelfService;
import io.concierge.orders.OrderSelfService.ChangeOptions;
import io.concierge.orders.OrderSelfService.ReturnRequest;
import io.concierge.orders.PostalRules;
import io.concierge.orders.Resolution;
import io.concierge.orders.ReturnPhotos;
import io.concierge.orders.ReturnReason;
import io.concierge.shared.NotFound;

/**
 * The customer's own changes to an order, each in three steps: a form with only what the
 * policy allows (and why the rest is not), a preview of the effect, and the confirmation.
 * The confirmation carries a key made for the preview, so sending it twice changes the
 * order once.
 */
@Controller
class OrderChangesController {

	private final OrderSelfService service;

	private final IdempotentRequests idempotent;

	private final Callers callers;

	private final StepUp stepUp;

	private final VerdictTexts texts;

	OrderChangesController(OrderSelfService service, IdempotentRequests idempotent, Callers callers, StepUp stepUp,
			VerdictTexts texts) {
		this.service = service;
		this.idempotent = idempotent;
		this.callers = callers;
		this.stepUp = stepUp;
		this.texts = texts;
	}

	@GetMapping("/orders/{number}/cancel")
	String cancelForm(@PathVariable String number, Principal principal, Model model) {
		return form(ChangeAction.CANCEL, options(principal, number), Map.of(), model);
	}

	@PostMapping("/orders/{number}/cancel/preview")
	String cancelPreview(@PathVariable String number, @RequestParam Map<String, String> form, Principal principal,
			Model model) {
		Caller caller = this.callers.of(principal);
		Map<Integer, Integer> units = units(form, "quantity-");
		try {
			return preview(this.service.previewCancel(caller, number, units), model, form);
		}
		catch (ChangeRefused | InvalidChange ex) {
			return refused(ex, ChangeAction.CANCEL, options(principal, number), form, model);
		}
	}

	@PostMapping("/orders/{number}/cancel")
	String cancel(@PathVariable String number, @RequestParam Map<String, String> form, Principal principal,
			HttpServletRequest request, Model model, RedirectAttributes redirect) {
		Caller caller = this.callers.of(principal);
		Map<Integer, Integer> units = units(form, "quantity-");
		return perform(number, form, principal, request, model, redirect, ChangeAction.CANCEL,
				() -> this.service.cancel(caller, number, units, principal.getName(), request.getRemoteAddr()));
	}

	@GetMapping("/orders/{number}/address")
	String addressForm(@PathVariable String number, Principal principal, HttpServletRequest request, Model model) {
		ChangeOptions options = options(principal, number);
		this.stepUp.require(principal, request, "/orders/" + number + "/address");
		Map<String, String> form = new LinkedHashMap<>();
		Address current = options.shipTo();
		if (current != null) {
			form.put("name", current.name());
			form.put("lines", current.lines());
			form.put("postalCode", (current.postalCode() != null) ? current.postalCode() : "");
			form.put("city", current.city());
			form.put("region", (current.region() != null) ? current.region() : "");
			form.put("country", current.country());
		}
		return form(ChangeAction.ADDRESS, options, form, model);
	}

	@PostMapping("/orders/{number}/address/preview")
	String addressPreview(@PathVariable String number, @RequestParam Map<String, String> form, Principal principal,
			HttpServletRequest request, Model model) {
		this.stepUp.require(principal, request, "/orders/" + number + "/address");
		Caller caller = this.callers.of(principal);
		try {
			Address address = address(form);
			model.addAttribute("address", address);
			return preview(this.service.previewAddress(caller, number, address), model, addressForm(address));
		}
		catch (ChangeRefused | InvalidChange ex) {
			return refused(ex, ChangeAction.ADDRESS, options(principal, number), form, model);
		}
	}

	@PostMapping("/orders/{number}/address")
	String changeAddress(@PathVariable String number, @RequestParam Map<String, String> form, Principal principal,
			HttpServletRequest request, Model model, RedirectAttributes redirect) {
		this.stepUp.require(principal, request, "/orders/" + number + "/address");
		Caller caller = this.callers.of(principal);
		return perform(number, form, principal, request, model, redirect, ChangeAction.ADDRESS, () -> this.service
			.changeAddress(caller, number, address(form), principal.getName(), request.getRemoteAddr()));
	}

	@GetMapping("/orders/{number}/return")
	String returnForm(@PathVariable String number, @RequestParam(defaultValue = "REFUND") String resolution,
			Principal principal, Model model) {
		return form(ChangeAction.RETURN, options(principal, number), Map.of("resolution", resolution), model);
	}

	@PostMapping("/orders/{number}/return/preview")
	String returnPreview(@PathVariable String number, @RequestParam Map<String, String> form, Principal principal,
			Model model) {
		Caller caller = this.callers.of(principal);
		try {
			return preview(this.service.previewReturn(caller, number, returnRequest(form)), model, form);
		}
		catch (ChangeRefused | InvalidChange ex) {
			return refused(ex, ChangeAction.RETURN, options(principal, number), form, model);
		}
	}

	@PostMapping("/orders/{number}/return")
	String requestReturn(@PathVariable String number, @RequestParam Map<String, String> form,
			@RequestParam(name = "photos", required = false) @Nullable List<MultipartFile> uploads, Principal principal,
			HttpServletRequest request, Model model, RedirectAttributes redirect) {
		Caller caller = this.callers.of(principal);
		List<ReturnPhotos.Photo> photos;
		try {
			photos = ReturnPhotos.check(photos(uploads));
		}
		catch (ReturnPhotos.PhotoRefused refused) {
			model.addAttribute("photoProblem", "return.photo." + refused.reason());
			return preview(this.service.previewReturn(caller, number, returnRequest(form)), model, form);
		}
		try {
			return perform(number, form, principal, request, model, redirect, ChangeAction.RETURN,
					() -> this.service.requestReturn(caller, number, returnRequest(form), photos, principal.getName(),
							request.getRemoteAddr()));
		}
		catch (ReturnPhotos.PhotoRefused refused) {
			model.addAttribute("photoProblem", "return.photo." + refused.reason());
			return preview(this.service.previewReturn(caller, number, returnRequest(form)), model, form);
		}
	}

	@GetMapping("/orders/{number}/delivery")
	String deliveryForm(@PathVariable String number, Principal principal, Model model) {
		ChangeOptions options = options(principal, number);
		Map<String, String> form = new LinkedHashMap<>();
		DeliveryPreferences current = options.delivery();
		if (current != null) {
			form.put("safePlace", (current.safePlace() != null) ? current.safePlace() : "");
			form.put("neighbour", (current.neighbour() != null) ? current.neighbour() : "");
			form.put("window", (current.window() != null) ? current.window().name() : "");
			form.put("date", (current.date() != null) ? current.date().toString() : "");
		}
		return form(ChangeAction.DELIVERY, options, form, model);
	}

	@PostMapping("/orders/{number}/delivery/preview")
	String deliveryPreview(@PathVariable String number, @RequestParam Map<String, String> form, Principal principal,
			Model model) {
		Caller caller = this.callers.of(principal);
		try {
			DeliveryPreferences preferences = delivery(form);
			model.addAttribute("delivery", preferences);
			return preview(this.service.previewDelivery(caller, number, preferences), model, form);
		}
		catch (ChangeRefused | InvalidChange ex) {
			return refused(ex, ChangeAction.DELIVERY, options(principal, number), form, model);
		}
	}

	@PostMapping("/orders/{number}/delivery")
	String changeDelivery(@PathVariable String number, @RequestParam Map<String, String> form, Principal principal,
			HttpServletRequest request, Model model, RedirectAttributes redirect) {
		Caller caller = this.callers.of(principal);
		return perform(number, form, principal, request, model, redirect, ChangeAction.DELIVERY, () -> this.service
			.changeDelivery(caller, number, delivery(form), principal.getName(), request.getRemoteAddr()));
	}

	@GetMapping("/orders/{number}/returns/{returnNumber}/label")
	ResponseEntity<byte[]> label(@PathVariable String number, @PathVariable String returnNumber, Principal principal,
			Locale locale) {
		byte[] pdf = this.service.returnLabel(this.callers.of(principal), number, returnNumber, locale)
			.orElseThrow(() -> new NotFound("return label " + returnNumber));
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.inline().filename("return-label-" + returnNumber + ".pdf").build().toString())
			.body(pdf);
	}

	private ChangeOptions options(Principal principal, String number) {
		return this.service.options(this.callers.of(principal), number)
			.orElseThrow(() -> new NotFound("order " + number));
	}

	private String form(ChangeAction action, ChangeOptions options, Map<String, String> form, Model model) {
		// the language links lead to the form, also when a post shows it again
		model.addAttribute("currentPath", "/orders/" + options.number() + "/" + path(action));
		model.addAttribute("options", options);
		model.addAttribute("action", action);
		model.addAttribute("form", form);
		model.addAttribute("reasons", ReturnReason.values());
		model.addAttribute("resolutions", Resolution.values());
		model.addAttribute("windows", DeliveryPreferences.DeliveryWindow.values());
		model.addAttribute("countries",
				Countries.all(org.springframework.context.i18n.LocaleContextHolder.getLocale()));
		model.addAttribute("postalExample", PostalRules.example(form.getOrDefault("country", "")));
		return "orders/change-form";
	}

	private String preview(OrderSelfService.Preview preview, Model model, Map<String, String> form) {
		model.addAttribute("currentPath", "/orders/" + preview.number() + "/" + path(preview.action()));
		model.addAttribute("preview", preview);
		model.addAttribute("form", form);
		model.addAttribute("key", UUID.randomUUID().toString());
		return "orders/change-preview";
	}

	private String refused(RuntimeException ex, ChangeAction action, ChangeOptions options, Map<String, String> form,
			Model model) {
		if (ex instanceof ChangeRefused refused) {
			model.addAttribute("problem", this.texts.explain(refused.verdict()));
		}
		else if (ex instanceof InvalidChange invalid) {
			Map<String, String> fields = new LinkedHashMap<>();
			invalid.problems().forEach((field, key) -> {
				if (field.isEmpty()) {
					model.addAttribute("problem", this.texts.text(key, invalid.arguments()));
				}
				else {
					fields.put(field,
							this.texts.text(key, List.of((PostalRules.example(form.getOrDefault("country", "")) != null)
									? PostalRules.example(form.getOrDefault("country", "")) : "")));
				}
			});
			if (!fields.isEmpty() && !model.containsAttribute("problem")) {
				model.addAttribute("problem", this.texts.text("change.error.fields", List.of()));
			}
			model.addAttribute("fieldProblems", fields);
		}
		return form(action, options, form, model);
	}

	private String perform(String number, Map<String, String> form, Principal principal, HttpServletRequest request,
			Model model, RedirectAttributes redirect, ChangeAction action,
			java.util.function.Supplier<ChangeView> change) {
		String key = form.getOrDefault("key", "");
		try {
			IdempotentRequests.Answer answer = this.idempotent.once(principal.getName(), "page:" + key,
					request.getRequestURI() + "?" + fingerprint(form), () -> {
						ChangeView done = change.get();
						return new IdempotentRequests.Answer(200, done.kind() + ":" + done.status()
								+ ((done.returnNumber() != null) ? ":" + done.returnNumber() : ""));
					});
			String[] outcome = answer.body().split(":");
			redirect.addFlashAttribute("changeDone", "change.done." + outcome[0] + "." + outcome[1]);
			redirect.addFlashAttribute("changeReturnNumber", (outcome.length > 2) ? outcome[2] : "");
			return "redirect:/orders/" + number;
		}
		catch (ChangeRefused | InvalidChange ex) {
			return refused(ex, action, options(principal, number), form, model);
		}
		catch (IdempotentRequests.KeyReused ex) {
			return refused(InvalidChange.of("change.error.key"), action, options(principal, number), form, model);
		}
	}

	private static String path(ChangeAction action) {
		return switch (action) {
			case CANCEL -> "cancel";
			case ADDRESS -> "address";
			case RETURN, EXCHANGE -> "return";
			case DELIVERY -> "delivery";
		};
	}

	private static String fingerprint(Map<String, String> form) {
		return new java.util.TreeMap<>(form).entrySet()
			.stream()
			.filter((entry) -> !entry.getKey().equals("_csrf") && !entry.getKey().equals("key"))
			.map(Object::toString)
			.collect(java.util.stream.Collectors.joining("&"));
	}

	static Map<Integer, Integer> units(Map<String, String> form, String prefix) {
		Map<Integer, Integer> units = new LinkedHashMap<>();
		form.forEach((name, value) -> {
			if (name.startsWith(prefix) && !value.isBlank()) {
				try {
					units.put(Integer.parseInt(name.substring(prefix.length())), Integer.parseInt(value.strip()));
				}
				catch (NumberFormatException ex) {
					throw InvalidChange.of("change.error.nothingChosen");
				}
			}
		});
		return units;
	}

	private static ReturnRequest returnRequest(Map<String, String> form) {
		Map<Integer, String> exchange = new LinkedHashMap<>();
		form.forEach((name, value) -> {
			if (name.startsWith("exchange-") && !value.isBlank()) {
				exchange.put(Integer.parseInt(name.substring("exchange-".length())), value);
			}
		});
		Resolution resolution = parse(Resolution.class, form.get("resolution"), "return.error.resolution");
		ReturnReason reason = parse(ReturnReason.class, form.get("reason"), "return.error.reason");
		return new ReturnRequest(units(form, "quantity-"), (resolution == Resolution.EXCHANGE) ? exchange : Map.of(),
				reason, form.get("note"), resolution);
	}

	private static <E extends Enum<E>> E parse(Class<E> type, @Nullable String value, String problem) {
		try {
			return Enum.valueOf(type, (value != null) ? value : "");
		}
		catch (IllegalArgumentException ex) {
			throw InvalidChange.of(problem);
		}
	}

	private static Address address(Map<String, String> form) {
		String country = form.getOrDefault("country", "").strip().toUpperCase(Locale.ROOT);
		String postalCode = PostalRules.tidy(form.get("postalCode"), country);
		String region = form.getOrDefault("region", "").strip();
		Map<String, String> problems = PostalRules.problems(form.get("name"), form.get("lines"), postalCode,
				form.get("city"), region, country);
		if (!problems.isEmpty()) {
			throw InvalidChange.fields(problems);
		}
		return new Address(form.get("name").strip(), form.get("lines").strip(), postalCode, form.get("city").strip(),
				region.isEmpty() ? null : region, country);
	}

	private static Map<String, String> addressForm(Address address) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("name", address.name());
		form.put("lines", address.lines());
		form.put("postalCode", (address.postalCode() != null) ? address.postalCode() : "");
		form.put("city", address.city());
		form.put("region", (address.region() != null) ? address.region() : "");
		form.put("country", address.country());
		return form;
	}

	private static DeliveryPreferences delivery(Map<String, String> form) {
		String window = form.getOrDefault("window", "");
		String date = form.getOrDefault("date", "").strip();
		try {
			return new DeliveryPreferences(form.get("safePlace"), form.get("neighbour"),
					window.isBlank() ? null : DeliveryPreferences.DeliveryWindow.valueOf(window),
					date.isEmpty() ? null : java.time.LocalDate.parse(date));
		}
		catch (java.time.format.DateTimeParseException ex) {
			throw InvalidChange.fields(Map.of("date", "delivery.error.date"));
		}
		catch (IllegalArgumentException ex) {
			throw InvalidChange.fields(Map.of("safePlace", "delivery.error.text"));
		}
	}

	private static List<byte[]> photos(@Nullable List<MultipartFile> uploads) {
		List<byte[]> photos = new ArrayList<>();
		if (uploads != null) {
			for (MultipartFile upload : uploads) {
				if (!upload.isEmpty()) {
					try {
						photos.add(upload.getBytes());
					}
					catch (java.io.IOException ex) {
						throw new ReturnPhotos.PhotoRefused("unreadable");
					}
				}
			}
		}
		return photos;
	}

}
