package org.kakehashi.sharing.internal;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.kakehashi.sharing.Tlp;

/**
 * What the hub writes and chooses: the sanitised text, its analysis and countermeasures, the TLP, what the item
 * still discloses about its source, the observables and the audience.
 */
public record ItemContent(String title, String body, String analysis, String countermeasures, String language,
		Tlp tlp, List<String> disclosedSectors, @Nullable String disclosedPrefecture,
		@Nullable String disclosedSizeClass, List<ItemObservable> observables, List<AudienceEntry> audience) {

	public ItemContent {
		disclosedSectors = List.copyOf(disclosedSectors);
		observables = List.copyOf(observables);
		audience = List.copyOf(audience);
	}
}
