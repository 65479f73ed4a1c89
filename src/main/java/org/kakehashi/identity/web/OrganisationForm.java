package org.kakehashi.identity.web;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.internal.Organisation;
import org.kakehashi.identity.internal.Organisations;

/**
 * The create/edit organisation form. The type is checked by the controller: organisation administrators
 * cannot change it, so their form does not send it.
 */
record OrganisationForm(@NotBlank @Size(max = 200) String name, @Nullable @Size(max = 200) String nameEn,
		@Nullable OrganisationType type, @Nullable List<String> sectors, Organisation.@Nullable SizeClass sizeClass,
		@Nullable String prefecture, @Nullable Boolean requireMfa) {

	static OrganisationForm empty() {
		return new OrganisationForm("", "", null, List.of(), null, null, false);
	}

	static OrganisationForm of(Organisation organisation) {
		return new OrganisationForm(organisation.name(), organisation.nameEn(), organisation.type(),
				organisation.sectorCodes(), organisation.sizeClass(), organisation.prefecture(), organisation.requireMfa());
	}

	Organisations.Draft draft(OrganisationType effectiveType) {
		return new Organisations.Draft(name.strip(), blankToNull(nameEn), effectiveType, sizeClass, blankToNull(prefecture),
				Boolean.TRUE.equals(requireMfa), sectors == null ? List.of() : List.copyOf(sectors));
	}

	static @Nullable String blankToNull(@Nullable String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}
}
