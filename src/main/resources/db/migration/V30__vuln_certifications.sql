-- Certification registry (issue 7): control-device security certifications and evaluations (EDSA / IEC 62443-4-2),
-- control-system evaluations (SSA / IEC 62443-3-3) and CSMS conformity certificates (IEC 62443-2-1), kept by the
-- coordinators so operators and the public can check whether a product, system or organisation holds a current one.
-- Only the status a certification body declares is stored (VALID, SUSPENDED, WITHDRAWN): "expired" follows from
-- valid_to and the date in Japan and is derived at read time, so no row ever says VALID after its end date.
-- Expiry reminders are remembered per certificate, threshold and end date: each is mailed once, and extending a
-- certificate (a new valid_to) arms them again.

create table vuln_certification (
    id                      uuid        primary key,
    kind                    text        not null check (kind in ('DEVICE_CERTIFICATION', 'DEVICE_EVALUATION',
                                'SYSTEM_EVALUATION', 'CSMS')),
    certificate_number      text        not null check (length(certificate_number) between 1 and 100),
    issuer                  text        not null check (length(issuer) between 1 and 200),
    holder_name             text        not null check (length(holder_name) between 1 and 200),
    -- The holder as a Kakehashi organisation, when it is one: its members see the record, its administrators get
    -- the reminders.
    holder_organisation_id  uuid        references organisation (id),
    subject_name            text        not null check (length(subject_name) between 1 and 200),
    subject_version         text        not null default '' check (length(subject_version) <= 200),
    standard                text        not null check (length(standard) between 1 and 100),
    level                   text        not null default '' check (length(level) <= 100),
    valid_from              date        not null,
    valid_to                date        not null,
    status                  text        not null check (status in ('VALID', 'SUSPENDED', 'WITHDRAWN')),
    publicly_listed         boolean     not null default false,
    contact_email           text        not null default '' check (length(contact_email) <= 254),
    notes                   text        not null default '' check (length(notes) <= 4000),
    -- Counts saves, so an edit made on a stale page is refused instead of overwriting a colleague's.
    revision                int         not null default 1,
    created_at              timestamptz not null,
    created_by              uuid        not null references app_user (id),
    updated_at              timestamptz not null,
    updated_by              uuid        not null references app_user (id),
    constraint vuln_certification_period check (valid_to >= valid_from)
);
-- A certificate number is unique per certification body; the application stores both NFKC-normalised, so
-- full-width and half-width spellings of the same number meet here.
create unique index vuln_certification_number on vuln_certification (lower(issuer), lower(certificate_number));
create index vuln_certification_by_end on vuln_certification (valid_to);
create index vuln_certification_by_holder on vuln_certification (holder_organisation_id) where holder_organisation_id is not null;

create table vuln_certification_reminder (
    certification_id    uuid        not null references vuln_certification (id),
    -- Days before valid_to this reminder stands for (one of kakehashi.vulns.certifications.reminders).
    threshold_days      int         not null check (threshold_days >= 0),
    valid_to            date        not null,
    sent_at             timestamptz not null,
    recipients          int         not null,
    primary key (certification_id, valid_to, threshold_days)
);
