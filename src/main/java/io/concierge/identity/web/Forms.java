package io.concierge.identity.web;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * The identity pages' forms: records with Bean Validation, never entities. Messages come
 * from {@code messages*.properties}.
 */
final class Forms {

	private Forms() {
	}

	record RegistrationForm(@NotBlank(message = "{form.name.required}") @Size(max = 120) String name, @NotBlank(
			message = "{form.email.required}") @Email(message = "{form.email.invalid}") @Size(max = 254) String email,
			@NotBlank(message = "{form.password.required}") String password) {

		static RegistrationForm empty() {
			return new RegistrationForm("", "", "");
		}

	}

	record EmailForm(@NotBlank(message = "{form.email.required}") @Email(message = "{form.email.invalid}") @Size(
			max = 254) String email) {

		static EmailForm empty() {
			return new EmailForm("");
		}

	}

	record NewPasswordForm(@NotBlank String token, @NotBlank(message = "{form.password.required}") String password) {

	}

	record ProfileForm(@NotBlank(message = "{form.name.required}") @Size(max = 120) String name,
			@Size(max = 40) @Pattern(regexp = "^$|^[+0-9 ()/.-]{5,40}$", message = "{form.phone.invalid}") String phone,
			@Pattern(regexp = "en|de") String language, @Nullable String timeZone) {

	}

	record PasswordChangeForm(@NotBlank(message = "{form.password.required}") String currentPassword,
			@NotBlank(message = "{form.password.required}") String newPassword) {

		static PasswordChangeForm empty() {
			return new PasswordChangeForm("", "");
		}

	}

}
