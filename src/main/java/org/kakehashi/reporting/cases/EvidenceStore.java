package org.kakehashi.reporting.cases;

import org.kakehashi.platform.KakehashiProperties;
import org.kakehashi.reporting.internal.FileStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Evidence files are kept like report attachments, under {@code <dataDir>/evidence} with the same size limit. */
@Configuration
class EvidenceStore {

	@Bean
	FileStore evidenceFiles(KakehashiProperties properties) {
		return new FileStore(properties.dataDir().resolve("evidence"), properties.reporting().maxAttachmentSize().toBytes(),
				"case.error.evidence");
	}
}
