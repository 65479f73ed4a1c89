package org.kakehashi.warnings.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.kakehashi.audit.AuditLog;
import org.kakehashi.platform.KakehashiProperties;
import org.kakehashi.platform.live.DatabaseNotifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.mail.MailException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Works off the warning outbox on every node. One coordinator thread claims due rows in batches of up to twice the
 * pool's size ({@code SELECT … FOR UPDATE SKIP LOCKED} in one short statement that sets a lease), hands each to a
 * small bounded pool and sends outside any transaction (one slow server holds one thread, never the others); the outcome is written afterwards: sent, retried later with
 * doubling back-off and jitter, or given up (DEAD). A node that dies mid-send leaves its lease to run out, after
 * which any node claims the row again and sends the same message with the same idempotency key. A publication
 * wakes the coordinator at once through {@code LISTEN}; a periodic poll catches retries and missed notifications.
 * A webhook that keeps failing is disabled, audited, and the subscriber's administrators are told.
 */
@Component
class DeliveryWorker implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
	private static final AtomicInteger INSTANCES = new AtomicInteger();

	private final DeliveryDao dao;
	private final WarningMail mail;
	private final WarningWebhook webhook;
	private final JsonMapper json;
	private final WarningsProperties.Delivery settings;
	private final Clock clock;
	private final AuditLog audit;
	private final TransactionTemplate transactions;
	private final Semaphore slots;
	private final int capacity;
	private final Object signal = new Object();
	private final String name;
	private boolean woken;
	private volatile boolean running;
	private @Nullable Thread coordinator;
	private @Nullable ExecutorService pool;

	DeliveryWorker(DeliveryDao dao, WarningMail mail, JsonMapper json, KakehashiProperties properties,
			WarningsProperties warnings, Clock clock, AuditLog audit, TransactionTemplate transactions,
			DatabaseNotifications notifications) {
		this.dao = dao;
		this.mail = mail;
		this.json = json;
		this.settings = warnings.delivery();
		this.clock = clock;
		this.audit = audit;
		this.transactions = transactions;
		this.webhook = new WarningWebhook(WarningWebhook.client(settings.connectTimeout()), settings.readTimeout(), json,
				properties, clock);
		// Up to one batch waits here beside those being sent, so claims come in batches rather than one per free thread.
		this.capacity = 2 * settings.parallelism();
		this.slots = new Semaphore(capacity);
		this.name = "kakehashi-delivery-" + INSTANCES.incrementAndGet();
		notifications.subscribe(WarningsDao.CHANNEL, id -> wake());
	}

	@Override
	public void start() {
		if (!settings.enabled() || running) {
			return;
		}
		running = true;
		var threads = new AtomicInteger();
		pool = Executors.newFixedThreadPool(settings.parallelism(), task -> {
			var thread = new Thread(task, name + "-send-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		var thread = new Thread(this::coordinate, name);
		thread.setDaemon(true);
		thread.start();
		coordinator = thread;
	}

	@Override
	public void stop() {
		running = false;
		wake();
		var thread = coordinator;
		var sends = pool;
		try {
			if (thread != null) {
				thread.join(5_000);
			}
			if (sends != null) {
				sends.shutdown();
				// Sends still running keep their lease; another node (or this one after a restart) takes them over.
				if (!sends.awaitTermination(2, TimeUnit.SECONDS)) {
					sends.shutdownNow();
				}
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/** Looks for due rows now (a publication was announced, or a send slot came free). */
	void wake() {
		synchronized (signal) {
			woken = true;
			signal.notifyAll();
		}
	}

	private void coordinate() {
		while (running) {
			var free = slots.availablePermits();
			var claimed = 0;
			// Claim when a batch's worth is free (or nothing is left): fewer, larger claim statements.
			if (free >= settings.parallelism() || free == capacity) {
				try {
					claimed = claimAndDispatch(free);
				}
				catch (RuntimeException e) {
					log.warn("Warning delivery could not claim due messages ({}); trying again shortly", e.getMessage());
				}
			}
			if (claimed > 0 && claimed == free) {
				// Perhaps more are due: claim again as soon as enough slots are free.
				if (!pauseUntilFree()) {
					return;
				}
				continue;
			}
			if (!pause(settings.pollInterval())) {
				return;
			}
		}
	}

	/** Waits until a batch's worth of slots is free again (sends finishing wake this thread). */
	private boolean pauseUntilFree() {
		while (running && slots.availablePermits() < settings.parallelism()) {
			if (!pause(settings.pollInterval())) {
				return false;
			}
		}
		return true;
	}

	private boolean pause(Duration duration) {
		synchronized (signal) {
			try {
				if (!woken && running) {
					signal.wait(duration.toMillis());
				}
				woken = false;
				return true;
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
	}

	private int claimAndDispatch(int free) {
		var now = Instant.now(clock);
		var rows = dao.claim(now, now.plus(settings.lease()), free);
		var sends = pool;
		for (var row : rows) {
			if (sends == null || !slots.tryAcquire()) {
				// Cannot happen while only this thread acquires; the lease brings the row back if it did.
				log.warn("No free send slot for claimed delivery {}", row.id());
				continue;
			}
			try {
				sends.execute(() -> {
					try {
						deliver(row);
					}
					finally {
						slots.release();
						wake();
					}
				});
			}
			catch (java.util.concurrent.RejectedExecutionException e) {
				slots.release();
			}
		}
		return rows.size();
	}

	/** One attempt at one row, then its outcome; never throws (the lease is the safety net). */
	void deliver(DeliveryDao.Claimed row) {
		WarningWebhook.Outcome outcome;
		try {
			outcome = attempt(row);
		}
		catch (InterruptedException e) {
			// Shutting down mid-send: the row keeps its lease and is taken over once that runs out.
			Thread.currentThread().interrupt();
			return;
		}
		catch (RuntimeException e) {
			outcome = new WarningWebhook.Outcome(WarningWebhook.Outcome.Result.RETRY, e.getClass().getSimpleName());
		}
		try {
			settle(row, outcome);
		}
		catch (RuntimeException e) {
			log.warn("Could not record the outcome of warning delivery {} ({}); its lease brings it back", row.id(),
					e.getMessage());
		}
	}

	private WarningWebhook.Outcome attempt(DeliveryDao.Claimed row) throws InterruptedException {
		if (row.attempts() > settings.maxAttempts()) {
			// Each earlier claim ended without an outcome (the node stopped mid-send).
			return new WarningWebhook.Outcome(WarningWebhook.Outcome.Result.DEAD,
					"no outcome after " + settings.maxAttempts() + " attempts");
		}
		var warning = DeliveredWarning.parse(json, row.content());
		if (row.channel() == Channel.EMAIL) {
			try {
				mail.send(row, warning);
				return WarningWebhook.Outcome.sent();
			}
			catch (MailException e) {
				return new WarningWebhook.Outcome(WarningWebhook.Outcome.Result.RETRY,
						WarningWebhook.abbreviate(String.valueOf(e.getMessage())));
			}
		}
		if (!row.webhookAgreed() || row.webhookUrl() == null || row.webhookSecret() == null) {
			return new WarningWebhook.Outcome(WarningWebhook.Outcome.Result.DEAD, "webhook no longer agreed");
		}
		if (row.webhookDisabledAt() != null) {
			return new WarningWebhook.Outcome(WarningWebhook.Outcome.Result.DEAD, "webhook disabled");
		}
		if (!WebhookAddresses.allowed(row.webhookUrl(), settings.allowPrivateAddresses())) {
			// Counts as a failure: a name that keeps pointing inside ends with the webhook disabled and its owner told.
			return new WarningWebhook.Outcome(WarningWebhook.Outcome.Result.RETRY,
					"address not allowed (private, loopback or unresolvable)");
		}
		return webhook.call(row, warning, row.webhookUrl(), row.webhookSecret());
	}

	private void settle(DeliveryDao.Claimed row, WarningWebhook.Outcome outcome) {
		var now = Instant.now(clock);
		var webhookRow = row.channel() == Channel.WEBHOOK && row.agreementId() != null;
		if (outcome.result() == WarningWebhook.Outcome.Result.SENT) {
			dao.sent(row.id(), now);
			if (webhookRow && row.webhookFailures() > 0) {
				dao.webhookSucceeded(row.agreementId());
			}
			return;
		}
		var givenUp = outcome.result() == WarningWebhook.Outcome.Result.DEAD || row.attempts() >= settings.maxAttempts();
		if (givenUp) {
			var error = outcome.result() == WarningWebhook.Outcome.Result.DEAD ? outcome.error()
					: "gave up after " + row.attempts() + " attempts: " + outcome.error();
			dao.dead(row.id(), row.attempts(), error);
			log.warn("Warning delivery {} ({} for {}) given up: {}", row.id(), row.channel(), row.number(), error);
		}
		else {
			var delay = settings.retryDelay(row.attempts(), ThreadLocalRandom.current().nextDouble());
			dao.retry(row.id(), row.attempts(), now.plus(delay), outcome.error());
		}
		var disabledAlready = row.webhookDisabledAt() != null || !row.webhookAgreed();
		if (webhookRow && !disabledAlready) {
			var failures = dao.webhookFailed(row.agreementId());
			var exhausted = givenUp && outcome.result() == WarningWebhook.Outcome.Result.RETRY;
			if (failures >= settings.webhookDisableAfter() || exhausted) {
				disable(row, failures, outcome.error());
			}
		}
	}

	private void disable(DeliveryDao.Claimed row, int failures, String error) {
		var agreement = row.agreementId();
		var subscriber = transactions.execute(status -> {
			var disabledFor = dao.disableWebhook(agreement, Instant.now(clock));
			if (disabledFor != null) {
				var details = new LinkedHashMap<String, String>();
				details.put("failures", String.valueOf(failures));
				details.put("lastError", error);
				details.put("delivery", row.id().toString());
				audit.record("warnings.webhook-disabled", "warning_agreement", agreement, details);
			}
			return disabledFor;
		});
		if (subscriber != null) {
			log.warn("Webhook of warning agreement {} disabled after {} consecutive failures (last: {})", agreement,
					failures, error);
			mail.webhookDisabled(subscriber, agreement, row.senderName(), String.valueOf(row.webhookUrl()), failures,
					error);
		}
	}
}
