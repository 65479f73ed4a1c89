package org.kakehashi.vulns.web;

import org.kakehashi.vulns.internal.CaseVendors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The public list of vendors that could not be reached: vendor and product names only (no case details). */
@Controller
class PublicVulnPages {

	static final int PAGE_SIZE = 50;

	private final CaseVendors vendors;

	PublicVulnPages(CaseVendors vendors) {
		this.vendors = vendors;
	}

	@GetMapping("/public/vulns/unreachable")
	String unreachable(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "0") int page, Model model) {
		model.addAttribute("q", q);
		model.addAttribute("page", vendors.unreachableListings(q, page, PAGE_SIZE));
		return "vulns/unreachable";
	}
}
