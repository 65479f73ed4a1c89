package org.kakehashi.identity.web;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.kakehashi.identity.internal.Sector;
import org.kakehashi.identity.internal.Sectors;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Identity")
class SectorApi {

	record SectorJson(String code, String nameJa, String nameEn, String ministryJa, String ministryEn) {

		static SectorJson of(Sector sector) {
			return new SectorJson(sector.code(), sector.nameJa(), sector.nameEn(), sector.ministryJa(), sector.ministryEn());
		}
	}

	private final Sectors sectors;

	SectorApi(Sectors sectors) {
		this.sectors = sectors;
	}

	@GetMapping("/api/v1/sectors")
	@PreAuthorize("hasAuthority('SCOPE_identity:read')")
	@Operation(summary = "The critical-infrastructure sectors, in their official order (scope identity:read)")
	List<SectorJson> sectors() {
		return sectors.all().stream().map(SectorJson::of).toList();
	}
}
