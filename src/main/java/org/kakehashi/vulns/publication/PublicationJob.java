package org.kakehashi.vulns.publication;

import org.kakehashi.vulns.internal.VulnsProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Runs the scheduled publication on every node where it is enabled ({@code kakehashi.vulns.publication.*}). */
@Component
class PublicationJob {

	private final AdvisoryPublication publication;
	private final VulnsProperties settings;

	PublicationJob(AdvisoryPublication publication, VulnsProperties settings) {
		this.publication = publication;
		this.settings = settings;
	}

	@Scheduled(fixedDelayString = "${kakehashi.vulns.publication.interval:PT30S}",
			initialDelayString = "${kakehashi.vulns.publication.interval:PT30S}")
	void run() {
		if (settings.publication().enabled()) {
			publication.publishDue();
		}
	}
}
