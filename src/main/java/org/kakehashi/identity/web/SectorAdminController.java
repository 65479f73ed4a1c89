package org.kakehashi.identity.web;

import org.kakehashi.identity.internal.OrganisationAdministration;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The 14 critical-infrastructure sectors, their ministries and how many organisations belong to each. */
@Controller
class SectorAdminController {

	private final OrganisationAdministration organisations;

	SectorAdminController(OrganisationAdministration organisations) {
		this.organisations = organisations;
	}

	@GetMapping("/admin/sectors")
	String sectors(Model model) {
		model.addAttribute("sectors", organisations.sectorOverview());
		return "admin/sectors";
	}
}
