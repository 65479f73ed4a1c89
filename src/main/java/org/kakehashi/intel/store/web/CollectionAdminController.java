package org.kakehashi.intel.store.web;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.Directory;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.identity.Role;
import org.kakehashi.intel.store.CollectionAdministration;
import org.kakehashi.intel.importing.SharedItemFeed;
import org.kakehashi.intel.store.Collections;
import org.kakehashi.intel.store.Grant;
import org.kakehashi.intel.store.IntelCollection;
import org.kakehashi.platform.InvalidFields;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.platform.KakehashiProperties;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * TAXII collections in the browser, for platform administrators: create them, edit title and description, open them
 * to everyone signed in or to the national centre, and grant or revoke read and write per organisation, group or
 * role. Every change goes through {@link CollectionAdministration}, with the API's rules and audit entries.
 */
@Controller
@RequestMapping("/admin/intel/collections")
@PreAuthorize("hasRole('PLATFORM_ADMIN')")
class CollectionAdminController {

	record CollectionForm(@Nullable String title, @Nullable String description, @Nullable String alias,
			@Nullable Boolean readableByAll, @Nullable Boolean readableByCentre) {
	}

	record DescriptionForm(@Nullable String title, @Nullable String description) {
	}

	/** {@code grantee}: organisation:&lt;id&gt;, group:&lt;id&gt; or role:&lt;ROLE&gt;. */
	record GrantForm(@Nullable String grantee, @Nullable Boolean read, @Nullable Boolean write) {
	}

	/** A grant as the page lists it: whom (already named) and what. */
	record GrantRow(String grantee, String kind, String name, boolean read, boolean write) {
	}

	/** A collection in the list with its number of grants. */
	record CollectionRow(IntelCollection collection, int grants) {
	}

	private final Collections collections;
	private final CollectionAdministration administration;
	private final Directory directory;
	private final KakehashiProperties properties;
	private final SharedItemFeed sharedItems;

	CollectionAdminController(Collections collections, CollectionAdministration administration, Directory directory,
			KakehashiProperties properties, SharedItemFeed sharedItems) {
		this.sharedItems = sharedItems;
		this.collections = collections;
		this.administration = administration;
		this.directory = directory;
		this.properties = properties;
	}

	@GetMapping
	String list(Model model) {
		model.addAttribute("collections", collections.all().stream()
			.map(c -> new CollectionRow(c, collections.grants(c.id()).size()))
			.toList());
		return "intel/admin/list";
	}

	@GetMapping("/new")
	String createForm(Model model) {
		model.addAttribute("form", new CollectionForm("", "", "", false, false));
		return "intel/admin/new";
	}

	@PostMapping
	String create(@AuthenticationPrincipal KakehashiUser admin, @ModelAttribute("form") CollectionForm form,
			BindingResult errors, RedirectAttributes redirect) {
		var alias = form.alias() == null || form.alias().isBlank() ? null : form.alias().strip();
		try {
			var created = administration.create(admin, form.title() == null ? "" : form.title(), form.description(), alias,
					new CollectionAdministration.Access(Boolean.TRUE.equals(form.readableByAll()),
							Boolean.TRUE.equals(form.readableByCentre()), List.of()));
			redirect.addFlashAttribute("notice", "intel.admin.created");
			return "redirect:/admin/intel/collections/" + created.id();
		} catch (InvalidFields e) {
			e.problems().forEach(p -> errors.rejectValue(p.field(), p.messageKey()));
		} catch (InvalidInput e) {
			errors.rejectValue(e.field(), e.messageKey());
		}
		return "intel/admin/new";
	}

	@GetMapping("/{id}")
	String detail(@PathVariable UUID id, Model model) {
		return detailPage(id, model);
	}

	@PostMapping("/{id}")
	String describe(@AuthenticationPrincipal KakehashiUser admin, @PathVariable UUID id,
			@ModelAttribute("describeForm") DescriptionForm form, BindingResult errors, Model model, RedirectAttributes redirect) {
		try {
			if (!administration.describe(admin, id, form.title() == null ? "" : form.title(), form.description())) {
				throw new ResponseStatusException(HttpStatus.NOT_FOUND);
			}
			redirect.addFlashAttribute("notice", "intel.admin.updated");
			return "redirect:/admin/intel/collections/" + id;
		} catch (InvalidFields e) {
			e.problems().forEach(p -> errors.rejectValue(p.field(), p.messageKey()));
		}
		return detailPage(id, model);
	}

	@PostMapping("/{id}/openness")
	String open(@AuthenticationPrincipal KakehashiUser admin, @PathVariable UUID id, @Nullable Boolean readableByAll,
			@Nullable Boolean readableByCentre, RedirectAttributes redirect) {
		if (!administration.open(admin, id, Boolean.TRUE.equals(readableByAll), Boolean.TRUE.equals(readableByCentre))) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		redirect.addFlashAttribute("notice", "intel.admin.access-changed");
		return "redirect:/admin/intel/collections/" + id;
	}

	@PostMapping("/{id}/shared-items")
	String sharedItems(@AuthenticationPrincipal KakehashiUser admin, @PathVariable UUID id, @Nullable Boolean enabled,
			RedirectAttributes redirect) {
		collections.byId(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		sharedItems.enable(admin, id, Boolean.TRUE.equals(enabled));
		redirect.addFlashAttribute("notice", "intel.admin.shared-items-changed");
		return "redirect:/admin/intel/collections/" + id;
	}

	@PostMapping("/{id}/grants")
	String grant(@AuthenticationPrincipal KakehashiUser admin, @PathVariable UUID id, @ModelAttribute("grantForm") GrantForm form,
			BindingResult errors, Model model, RedirectAttributes redirect) {
		var grantee = grantee(form.grantee(), Boolean.TRUE.equals(form.read()), Boolean.TRUE.equals(form.write()));
		if (grantee == null) {
			errors.rejectValue("grantee", "intel.admin.grantee-required");
		} else {
			try {
				if (!administration.grant(admin, id, grantee)) {
					throw new ResponseStatusException(HttpStatus.NOT_FOUND);
				}
				redirect.addFlashAttribute("notice", "intel.admin.access-changed");
				return "redirect:/admin/intel/collections/" + id;
			} catch (InvalidFields e) {
				// The service names the grant's place in the list; the form has one grantee and the read/write boxes.
				e.problems().forEach(p -> errors.rejectValue(p.field().endsWith(".read") ? "read" : "grantee", p.messageKey()));
			}
		}
		return detailPage(id, model);
	}

	@PostMapping("/{id}/grants/remove")
	String revoke(@AuthenticationPrincipal KakehashiUser admin, @PathVariable UUID id, @Nullable String grantee,
			RedirectAttributes redirect) {
		var parsed = grantee(grantee, false, false);
		if (parsed == null) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
		}
		if (!administration.revoke(admin, id, parsed)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		redirect.addFlashAttribute("notice", "intel.admin.access-changed");
		return "redirect:/admin/intel/collections/" + id;
	}

	private String detailPage(UUID id, Model model) {
		var collection = collections.byId(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		var grants = collections.grants(id);
		var organisations = directory.organisations(grants.stream().map(Grant::organisationId)
			.filter(java.util.Objects::nonNull).toList());
		var groups = directory.groups();
		var groupNames = groups.stream().collect(Collectors.toMap(Directory.GroupRef::id, Directory.GroupRef::name));
		var rows = new ArrayList<GrantRow>();
		for (var g : grants) {
			if (g.organisationId() != null) {
				var org = organisations.get(g.organisationId());
				rows.add(new GrantRow("organisation:" + g.organisationId(), "organisation",
						org == null ? g.organisationId().toString() : org.name(), g.canRead(), g.canWrite()));
			} else if (g.groupId() != null) {
				rows.add(new GrantRow("group:" + g.groupId(), "group", groupNames.getOrDefault(g.groupId(), g.groupId().toString()),
						g.canRead(), g.canWrite()));
			} else if (g.role() != null) {
				rows.add(new GrantRow("role:" + g.role().name(), "role", g.role().name(), g.canRead(), g.canWrite()));
			}
		}
		model.addAttribute("collection", collection);
		model.addAttribute("takesSharedItems", sharedItems.enabled(id));
		model.addAttribute("taxiiUrl", properties.link("/taxii2/intel/collections/" + id + "/"));
		model.addAttribute("grants", rows);
		model.addAttribute("organisations", directory.allOrganisations());
		model.addAttribute("groups", groups);
		model.addAttribute("roles", Role.values());
		if (!model.containsAttribute("describeForm")) {
			model.addAttribute("describeForm", new DescriptionForm(collection.title(), collection.description()));
		}
		if (!model.containsAttribute("grantForm")) {
			model.addAttribute("grantForm", new GrantForm("", true, false));
		}
		return "intel/admin/detail";
	}

	/** The grantee named by the form, or null when it names none (or something that is not one). */
	private static @Nullable Grant grantee(@Nullable String text, boolean read, boolean write) {
		if (text == null) {
			return null;
		}
		var colon = text.indexOf(':');
		if (colon < 0) {
			return null;
		}
		var kind = text.substring(0, colon);
		var value = text.substring(colon + 1);
		try {
			return switch (kind) {
				case "organisation" -> new Grant(UUID.fromString(value), null, null, read, write);
				case "group" -> new Grant(null, UUID.fromString(value), null, read, write);
				case "role" -> new Grant(null, null, Role.valueOf(value), read, write);
				default -> null;
			};
		} catch (IllegalArgumentException e) {
			return null;
		}
	}
}
