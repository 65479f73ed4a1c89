package org.kakehashi.intel.importing.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.intel.importing.Imports;
import org.kakehashi.platform.InvalidInput;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The imports page: the user's imports with their progress (each running row polls itself every 2 s through
 * htmx), and the upload form, which offers the collections the user may write.
 */
@Controller
class ImportController {

	private final Imports imports;

	ImportController(Imports imports) {
		this.imports = imports;
	}

	@GetMapping("/intel/imports")
	String page(@AuthenticationPrincipal KakehashiUser user, Model model) {
		model.addAttribute("imports", imports.of(user));
		model.addAttribute("collections", imports.writableCollections(imports.reader(user, true, true)));
		return "intel/imports";
	}

	@GetMapping("/intel/imports/{id}/row")
	String row(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id, Model model) {
		model.addAttribute("i", imports.find(user, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
		return "intel/import-row :: row";
	}

	@PostMapping("/intel/imports")
	String upload(@AuthenticationPrincipal KakehashiUser user, @RequestParam(name = "file", required = false) @Nullable MultipartFile file,
			@RequestParam(name = "collection", required = false) @Nullable String collection,
			@RequestParam(name = "format", required = false) @Nullable String format, RedirectAttributes redirect) {
		if (file == null || file.isEmpty()) {
			redirect.addFlashAttribute("problem", "intel.import.file-empty");
			return "redirect:/intel/imports";
		}
		if (collection == null || collection.isBlank()) {
			redirect.addFlashAttribute("problem", "intel.import.collection-required");
			return "redirect:/intel/imports";
		}
		var received = imports.receivingFile();
		try {
			file.transferTo(received.toFile());
			var created = imports.submit(user, imports.reader(user, true, true), collection, ImportApi.format(format),
					file.getOriginalFilename() == null ? "upload.json" : file.getOriginalFilename(), received);
			redirect.addFlashAttribute("notice", "intel.import.queued");
			redirect.addFlashAttribute("noticeArgument", created.fileName());
		} catch (InvalidInput e) {
			redirect.addFlashAttribute("problem", e.messageKey());
			redirect.addFlashAttribute("problemDetail", e.getMessage());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return "redirect:/intel/imports";
	}

	@GetMapping("/intel/imports/{id}/errors")
	void errors(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestParam(defaultValue = "csv") String format, HttpServletResponse response) throws IOException {
		ErrorReports.download(imports, user, id, format, response);
	}
}
