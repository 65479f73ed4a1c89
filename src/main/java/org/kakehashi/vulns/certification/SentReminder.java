package org.kakehashi.vulns.certification;

import java.time.Instant;
import java.time.LocalDate;

/** An expiry reminder that went out: how many days before which end date, when, and to how many addresses. */
public record SentReminder(int thresholdDays, LocalDate validTo, Instant sentAt, int recipients) {
}
