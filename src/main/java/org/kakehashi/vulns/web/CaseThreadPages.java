package org.kakehashi.vulns.web;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.kakehashi.platform.EnumNames;
import org.kakehashi.platform.InvalidFields;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.vulns.internal.Attachments;
import org.kakehashi.vulns.internal.CaseThread;
import org.kakehashi.vulns.internal.CaseVendors;
import org.kakehashi.vulns.internal.CaseViewer;
import org.kakehashi.vulns.internal.MessageChannel;
import org.kakehashi.vulns.internal.Participation;
import org.kakehashi.vulns.internal.VendorFilter;
import org.kakehashi.vulns.internal.VulnCases;
import org.kakehashi.vulns.internal.VulnCases.CaseNotFound;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A case's thread in the browser: the messages the viewer may read, each marked with who reads it, and the form
 * that writes in the channels the viewer may write in (with files).
 */
@Controller
class CaseThreadPages {

	/** Vendors the coordinator's channel choice lists by name; beyond that, the vendor's own page links here. */
	static final int CHANNEL_VENDORS = 200;

	private final VulnCases cases;
	private final CaseThread thread;
	private final CaseVendors vendors;
	private final Attachments attachments;

	CaseThreadPages(VulnCases cases, CaseThread thread, CaseVendors vendors, Attachments attachments) {
		this.cases = cases;
		this.thread = thread;
		this.vendors = vendors;
		this.attachments = attachments;
	}

	@GetMapping({ "/vulns/{id}/thread", "/public/vulns/cases/{id}/thread" })
	String thread(CaseViewer viewer, @PathVariable UUID id, @RequestParam(required = false) @Nullable String channel,
			@RequestParam(required = false) @Nullable UUID vendorId, Model model, HttpServletRequest request) {
		var form = new PostForm(channel == null ? "" : channel, vendorId == null ? "" : vendorId.toString(), "");
		return page(viewer, id, model, request, form, null);
	}

	@PostMapping({ "/vulns/{id}/thread", "/public/vulns/cases/{id}/thread" })
	String post(CaseViewer viewer, @PathVariable UUID id, @RequestParam(defaultValue = "") String channel,
			@RequestParam(defaultValue = "") String vendorId, @RequestParam(defaultValue = "") String body,
			@RequestParam(name = "files", required = false) @Nullable List<MultipartFile> files, Model model,
			HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
		var form = new PostForm(channel, vendorId, body);
		var problems = new ArrayList<InvalidFields.Problem>();
		var chosen = channel.isBlank() ? null : EnumNames.parse(MessageChannel.class, channel).orElse(null);
		if (!channel.isBlank() && chosen == null) {
			problems.add(new InvalidFields.Problem("channel", "vulns.error.choice", List.of(), "Unknown choice."));
		}
		UUID vendor = null;
		if (!vendorId.isBlank()) {
			try {
				vendor = UUID.fromString(vendorId);
			}
			catch (IllegalArgumentException e) {
				problems.add(new InvalidFields.Problem("vendorId", "vulns.error.choice", List.of(), "Unknown choice."));
			}
		}
		try {
			if (!problems.isEmpty()) {
				throw new InvalidFields(problems);
			}
			thread.post(viewer, id, new CaseThread.Post(chosen, vendor, body), Files.uploads(files));
		}
		catch (InvalidFields e) {
			response.setStatus(422);
			return page(viewer, id, model, request, form, CasePage.errors(e));
		}
		catch (InvalidInput e) {
			if (e.status() == HttpStatus.NOT_FOUND || e.status() == HttpStatus.FORBIDDEN) {
				throw e;
			}
			response.setStatus(e.status().value());
			return page(viewer, id, model, request, form, CasePage.errors(new InvalidFields(List.of(
					new InvalidFields.Problem(e.field(), e.messageKey(), List.of(attachments.maxBytes()), e.getMessage())))));
		}
		redirect.addFlashAttribute("notice", "vulns.notice.message-posted");
		return "redirect:" + CaseViewers.base(request, id) + "/thread#latest";
	}

	/** The post form as typed. */
	record PostForm(String channel, String vendorId, String body) {
	}

	private String page(CaseViewer viewer, UUID id, Model model, HttpServletRequest request, PostForm form,
			java.util.@Nullable Map<String, InvalidFields.Problem> errors) {
		var found = cases.find(viewer, id).orElseThrow(CaseNotFound::new);
		var participation = cases.participation(viewer, id);
		CasePage.header(model, found, participation, CaseViewers.base(request, id), "thread");
		model.addAttribute("messages", thread.messages(viewer, id, null, CaseThread.SHOWN));
		model.addAttribute("channels", channels(participation));
		model.addAttribute("channelVendors", participation.coordinator()
				? vendors.list(viewer, id, VendorFilter.ALL, null, 0, CHANNEL_VENDORS).items()
				: vendors.list(viewer, id, VendorFilter.ALL, null, 0, 50).items());
		model.addAttribute("form", form);
		model.addAttribute("defaultChannel", CaseThread.defaultChannel(participation).name());
		model.addAttribute("errors", errors);
		model.addAttribute("maxFileBytes", attachments.maxBytes());
		model.addAttribute("mayPost", found.status().open());
		return "vulns/thread";
	}

	static List<MessageChannel> channels(Participation participation) {
		if (participation.coordinator()) {
			return List.of(MessageChannel.values());
		}
		var result = new ArrayList<MessageChannel>();
		if (participation.vendor()) {
			result.add(MessageChannel.VENDOR);
		}
		if (participation.finder()) {
			result.add(MessageChannel.FINDER);
		}
		result.add(MessageChannel.ALL);
		return result;
	}
}
