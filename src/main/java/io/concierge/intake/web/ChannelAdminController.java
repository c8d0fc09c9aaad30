package io.concierge.intake.web;

import java.io.Serializable;
import java.math.BigDecimal;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.concierge.identity.Organisations;
import io.concierge.identity.StepUp;
import io.concierge.intake.ChannelAdministration;
import io.concierge.intake.ChannelAdministration.InvalidChannel;
import io.concierge.intake.CsvColumns;
import io.concierge.intake.Format;
import io.concierge.intake.IntakeChannels;
import io.concierge.intake.IntakeRules;
import io.concierge.shared.NotFound;

/**
 * Administrators see every intake channel and make, change, re-key and remove those not
 * in configuration.
 */
@Controller
class ChannelAdminController {

	private static final String PAGE = "/admin/intake-channels";

	private final ChannelAdministration administration;

	private final IntakeChannels channels;

	private final Organisations organisations;

	private final StepUp stepUp;

	ChannelAdminController(ChannelAdministration administration, IntakeChannels channels, Organisations organisations,
			StepUp stepUp) {
		this.administration = administration;
		this.channels = channels;
		this.organisations = organisations;
		this.stepUp = stepUp;
	}

	/**
	 * The form as typed, to show again with what is wrong (kept in the session until
	 * then).
	 */
	record Form(String key, String format, String organisation, String priority, String maxBacklog, String maxQuantity,
			String maxTotal, String creditLimit, String currencies, Map<String, String> rules,
			String csvColumns) implements Serializable {

		static Form blank() {
			return new Form("", Format.SHOPIFY.name(), "", "5", "10000", "1000", "", "", "", Map.of(), "");
		}

		static Form of(Map<String, String> parameters) {
			Map<String, String> rules = new LinkedHashMap<>();
			for (IntakeRules.Rule rule : IntakeRules.Rule.values()) {
				rules.put(rule.name(), parameters.getOrDefault("rule-" + rule.name(), ""));
			}
			return new Form(parameters.getOrDefault("key", "").strip().toLowerCase(Locale.ROOT),
					parameters.getOrDefault("format", ""), parameters.getOrDefault("organisation", ""),
					parameters.getOrDefault("priority", "").strip(), parameters.getOrDefault("maxBacklog", "").strip(),
					parameters.getOrDefault("maxQuantity", "").strip(), parameters.getOrDefault("maxTotal", "").strip(),
					parameters.getOrDefault("creditLimit", "").strip(),
					parameters.getOrDefault("currencies", "").strip(), rules,
					parameters.getOrDefault("csvColumns", "").strip());
		}

		static Form of(String key, IntakeChannels.Channel channel) {
			Map<String, String> rules = new LinkedHashMap<>();
			channel.rules().forEach((rule, action) -> rules.put(rule.name(), action.name()));
			return new Form(key, channel.format().name(),
					(channel.organisation() != null) ? channel.organisation().toString() : "",
					String.valueOf(channel.priority()), String.valueOf(channel.maxBacklog()),
					String.valueOf(channel.maxQuantity()), plain(channel.maxTotal()), plain(channel.creditLimit()),
					String.join(", ", new TreeSet<>(channel.currencies())), rules, channel.mapping().text());
		}

		private static String plain(@Nullable BigDecimal amount) {
			return (amount != null) ? amount.stripTrailingZeros().toPlainString() : "";
		}

		/**
		 * @throws InvalidChannel naming each value that is not a number or not known
		 */
		ChannelAdministration.Settings settings() {
			List<String> problems = new ArrayList<>();
			Format format = Arrays.stream(Format.values())
				.filter((candidate) -> candidate.name().equals(this.format))
				.findFirst()
				.orElse(null);
			if (format == null) {
				problems.add("Choose a format.");
			}
			UUID organisation = null;
			if (!this.organisation.isBlank()) {
				try {
					organisation = UUID.fromString(this.organisation);
				}
				catch (IllegalArgumentException ex) {
					problems.add("Choose a company from the list.");
				}
			}
			Map<IntakeRules.Rule, IntakeRules.Action> rules = new EnumMap<>(IntakeRules.Rule.class);
			this.rules.forEach((rule, action) -> {
				if (!action.isBlank()) {
					try {
						rules.put(IntakeRules.Rule.valueOf(rule), IntakeRules.Action.valueOf(action));
					}
					catch (IllegalArgumentException ex) {
						problems.add("Choose what each check does from its list.");
					}
				}
			});
			Set<String> currencies = new TreeSet<>();
			for (String currency : this.currencies.split("[,\\s]+")) {
				if (!currency.isBlank()) {
					currencies.add(currency.toUpperCase(Locale.ROOT));
				}
			}
			int priority = whole(this.priority, "The priority", problems);
			int maxBacklog = whole(this.maxBacklog, "How many may wait", problems);
			int maxQuantity = whole(this.maxQuantity, "The largest quantity of a line", problems);
			BigDecimal maxTotal = amount(this.maxTotal, "The largest total", problems);
			BigDecimal creditLimit = amount(this.creditLimit, "The credit limit", problems);
			CsvColumns.Mapping csvColumns = CsvColumns.Mapping.parse(this.csvColumns, problems);
			if (!problems.isEmpty()) {
				throw new InvalidChannel(problems);
			}
			return new ChannelAdministration.Settings(format, organisation, priority, maxBacklog, rules, currencies,
					maxTotal, maxQuantity, creditLimit, csvColumns);
		}

		private static int whole(String text, String what, List<String> problems) {
			try {
				return Integer.parseInt(text);
			}
			catch (NumberFormatException ex) {
				problems.add(what + " is a whole number.");
				return 0;
			}
		}

		private static @Nullable BigDecimal amount(String text, String what, List<String> problems) {
			if (text.isBlank()) {
				return null;
			}
			try {
				return new BigDecimal(text.replace(",", ""));
			}
			catch (NumberFormatException ex) {
				problems.add(what + " is an amount such as 5000 or 12500.50.");
				return null;
			}
		}

	}

	@GetMapping(PAGE)
	String page(Model model) {
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", Form.blank());
		}
		return show(model, "intake/channels");
	}

	@PostMapping(PAGE)
	String create(@RequestParam Map<String, String> parameters, Principal principal, HttpServletRequest request,
			RedirectAttributes redirect) {
		this.stepUp.require(principal, request, PAGE);
		Form form = Form.of(parameters);
		try {
			String secret = this.administration.create(form.key(), form.settings(), principal.getName(),
					request.getRemoteAddr());
			redirect.addFlashAttribute("secret", secret);
			redirect.addFlashAttribute("secretFor", form.key());
		}
		catch (InvalidChannel ex) {
			redirect.addFlashAttribute("problems", ex.problems());
			redirect.addFlashAttribute("form", form);
		}
		return "redirect:" + PAGE;
	}

	@GetMapping(PAGE + "/{key}")
	String channel(@PathVariable String key, Model model) {
		IntakeChannels.Channel channel = editable(key);
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", Form.of(key, channel));
		}
		model.addAttribute("key", key);
		return show(model, "intake/channel");
	}

	@PostMapping(PAGE + "/{key}")
	String change(@PathVariable String key, @RequestParam Map<String, String> parameters, Principal principal,
			HttpServletRequest request, RedirectAttributes redirect) {
		editable(key);
		Form form = Form.of(parameters);
		try {
			this.administration.change(key, form.settings(), principal.getName(), request.getRemoteAddr());
			redirect.addFlashAttribute("notice", "channels.changed");
			return "redirect:" + PAGE;
		}
		catch (InvalidChannel ex) {
			redirect.addFlashAttribute("problems", ex.problems());
			redirect.addFlashAttribute("form", form);
			return "redirect:" + PAGE + "/" + key;
		}
	}

	@PostMapping(PAGE + "/{key}/secret")
	String newSecret(@PathVariable String key, Principal principal, HttpServletRequest request,
			RedirectAttributes redirect) {
		editable(key);
		this.stepUp.require(principal, request, PAGE + "/" + key);
		redirect.addFlashAttribute("secret",
				this.administration.newSecret(key, principal.getName(), request.getRemoteAddr()));
		redirect.addFlashAttribute("secretFor", key);
		return "redirect:" + PAGE;
	}

	@PostMapping(PAGE + "/{key}/remove")
	String remove(@PathVariable String key, Principal principal, HttpServletRequest request,
			RedirectAttributes redirect) {
		editable(key);
		this.administration.remove(key, principal.getName(), request.getRemoteAddr());
		redirect.addFlashAttribute("notice", "channels.removed");
		return "redirect:" + PAGE;
	}

	private IntakeChannels.Channel editable(String key) {
		if (this.channels.configured(key)) {
			throw new NotFound("channel " + key + " to change here");
		}
		return this.channels.find(key).orElseThrow(() -> new NotFound("channel " + key));
	}

	private String show(Model model, String view) {
		Map<UUID, String> companies = new LinkedHashMap<>();
		this.organisations.companies().forEach((company) -> companies.put(company.id(), company.name()));
		model.addAttribute("channels", this.administration.list());
		model.addAttribute("companies", companies);
		model.addAttribute("formats", ChannelAdministration.FORMATS);
		model.addAttribute("rules", IntakeRules.Rule.values());
		model.addAttribute("actions", IntakeRules.Action.values());
		model.addAttribute("aliases", CsvColumns.aliasesByColumn());
		return view;
	}

}
