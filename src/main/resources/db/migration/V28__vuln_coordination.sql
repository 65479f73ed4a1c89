-- Vulnerability coordination (issue 7, second part): the people a case is coordinated with, what they say, and the
-- advisory that comes out of it.
--
-- * A directory of vendors (and web-site operators) with security contacts, optionally linked to the vendor's own
--   Kakehashi organisation, whose PSIRT staff then take part in its cases when signed in.
-- * Per case: the vendors invited (many, for multi-vendor cases), the documented contact attempts, the
--   unreachable-vendor listing, publication-committee decisions; the case's vulnerabilities (CVE, CWE, CVSS, ja/en
--   text) and each vendor's status per vulnerability. No status row means "unknown": silence is never stored as
--   "not affected".
-- * A thread whose every message names who may read it (coordinators only, coordinators and one vendor,
--   coordinators and the finder, or everyone on the case), with attachments encrypted at rest (AES-256-GCM; the key
--   lives outside the database, so a dump alone reveals no proof-of-concept file).
-- * Finders and vendors without an account reach a case through personal links: only the SHA-256 of each link's
--   key is stored, with the party it stands for and an expiry.
-- * The advisory's draft text and its published revisions; each revision keeps the page, CSAF document and CVE
--   records exactly as published, so later drafting never leaks to the public pages.

-- A finder who reports as a guest has no account: an e-mail address verified before filing stands for them.
alter table vuln_case alter column finder_user_id drop not null;
alter table vuln_case alter column finder_organisation_id drop not null;
alter table vuln_case add column finder_email text check (length(finder_email) <= 320);
alter table vuln_case add column finder_name text not null default '' check (length(finder_name) <= 200);
alter table vuln_case add column finder_language text not null default 'ja' check (finder_language in ('ja', 'en'));
alter table vuln_case add constraint vuln_case_finder check (finder_user_id is not null or finder_email is not null);
-- When the coordinators were told that the agreed publication time passed without a ready advisory (once).
alter table vuln_case add column publication_overdue_notified_at timestamptz;

-- Web-site cases close with the site operator's answer; product cases as before.
alter table vuln_case drop constraint vuln_case_outcome_check;
alter table vuln_case add constraint vuln_case_outcome_check check (outcome in ('JVN_PUBLICATION', 'PRIVATE_HANDLING',
    'NOT_A_VULNERABILITY', 'NOT_ACCEPTED', 'FIXED', 'PAGE_REMOVED', 'WORKAROUND', 'OPERATOR_UNREACHABLE'));
-- A scheduled publication is made by the platform, not by a person.
alter table vuln_case_transition alter column by_user_id drop not null;
-- Who made a move without an account (the scheduler), shown instead of a user's name.
alter table vuln_case_transition add column by_label text not null default '' check (length(by_label) <= 200);
create index vuln_case_transition_by_status on vuln_case_transition (to_status, at);

create table vuln_vendor (
    id              uuid        primary key,
    name            text        not null check (length(name) between 1 and 200),
    name_en         text        not null default '' check (length(name_en) <= 200),
    -- The vendor's organisation in Kakehashi, if it has one: its administrators, analysts and coordinators see the
    -- cases the vendor is invited to.
    organisation_id uuid        references organisation (id),
    -- Product lines, one per line: what coordinators search by.
    products        text        not null default '' check (length(products) <= 10000),
    notes           text        not null default '' check (length(notes) <= 10000),
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);
create unique index vuln_vendor_name on vuln_vendor (lower(name));
create index vuln_vendor_by_organisation on vuln_vendor (organisation_id) where organisation_id is not null;

create table vuln_vendor_contact (
    id          bigint      generated always as identity primary key,
    vendor_id   uuid        not null references vuln_vendor (id) on delete cascade,
    name        text        not null default '' check (length(name) <= 200),
    email       text        not null check (length(email) between 3 and 320),
    language    text        not null default 'ja' check (language in ('ja', 'en'))
);
create unique index vuln_vendor_contact_email on vuln_vendor_contact (vendor_id, lower(email));

create table vuln_case_vendor (
    case_id             uuid        not null references vuln_case (id),
    vendor_id           uuid        not null references vuln_vendor (id),
    -- The product of this vendor the case concerns, as the advisory and the unreachable list name it.
    product_name        text        not null default '' check (length(product_name) <= 200),
    invited_at          timestamptz not null,
    invited_by          uuid        not null references app_user (id),
    -- The vendor's first word on the case (a status or a message): vendor responsiveness counts from invited_at.
    first_response_at   timestamptz,
    -- Listed as unreachable after documented attempts; cleared (reached_at) when the vendor answers.
    unreachable_at      timestamptz,
    reached_at          timestamptz,
    primary key (case_id, vendor_id)
);
create index vuln_case_vendor_by_vendor on vuln_case_vendor (vendor_id, case_id);
create index vuln_case_vendor_unreachable on vuln_case_vendor (unreachable_at) where unreachable_at is not null and reached_at is null;

create table vuln_contact_attempt (
    id              bigint      generated always as identity primary key,
    case_id         uuid        not null,
    vendor_id       uuid        not null,
    -- When the attempt was made (a telephone call is recorded afterwards).
    attempted_at    timestamptz not null,
    channel         text        not null check (channel in ('EMAIL', 'PHONE', 'POST', 'WEB_FORM', 'OTHER')),
    note            text        not null default '' check (length(note) <= 4000),
    -- Sent by Kakehashi itself (the invitation e-mail), not recorded by hand.
    automatic       boolean     not null default false,
    by_user_id      uuid        references app_user (id),
    recorded_at     timestamptz not null,
    foreign key (case_id, vendor_id) references vuln_case_vendor (case_id, vendor_id)
);
create index vuln_contact_attempt_by_case on vuln_contact_attempt (case_id, vendor_id, attempted_at);

create table vuln_committee_decision (
    id              bigint      generated always as identity primary key,
    case_id         uuid        not null references vuln_case (id),
    decided_on      date        not null,
    members         text[]      not null check (cardinality(members) between 1 and 50),
    decision        text        not null check (decision in ('PUBLISH_WITHOUT_VENDOR', 'DO_NOT_PUBLISH')),
    note            text        not null default '' check (length(note) <= 4000),
    recorded_by     uuid        not null references app_user (id),
    recorded_at     timestamptz not null
);
create index vuln_committee_decision_by_case on vuln_committee_decision (case_id, id);

create table vuln_case_vulnerability (
    id              uuid        primary key,
    case_id         uuid        not null references vuln_case (id),
    ordinal         int         not null check (ordinal >= 1),
    cve_id          text        check (cve_id ~ '^CVE-[0-9]{4}-[0-9]{4,19}$'),
    cwe_id          text        check (cwe_id ~ '^CWE-[1-9][0-9]{0,5}$'),
    cwe_name        text        not null default '' check (length(cwe_name) <= 300),
    title_ja        text        not null default '' check (length(title_ja) <= 200),
    title_en        text        not null default '' check (length(title_en) <= 200),
    description_ja  text        not null default '' check (length(description_ja) <= 4000),
    description_en  text        not null default '' check (length(description_en) <= 4000),
    -- Normalised vectors as the scoring library wrote them.
    cvss_v3         text        not null default '' check (length(cvss_v3) <= 200),
    cvss_v4         text        not null default '' check (length(cvss_v4) <= 300),
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    unique (case_id, ordinal)
);
create unique index vuln_case_vulnerability_cve on vuln_case_vulnerability (cve_id) where cve_id is not null;

create table vuln_vendor_status (
    case_id             uuid        not null,
    vendor_id           uuid        not null,
    vulnerability_id    uuid        not null references vuln_case_vulnerability (id),
    status              text        not null check (status in ('AFFECTED', 'NOT_AFFECTED', 'UNDER_INVESTIGATION')),
    statement           text        not null default '' check (length(statement) <= 4000),
    affected_versions   text[]      not null default '{}',
    fixed_versions      text[]      not null default '{}',
    updated_at          timestamptz not null,
    updated_by          uuid        references app_user (id),
    -- Who set it without an account (a vendor contact through their link), shown instead of a user's name.
    updated_by_label    text        not null default '' check (length(updated_by_label) <= 320),
    primary key (case_id, vendor_id, vulnerability_id),
    foreign key (case_id, vendor_id) references vuln_case_vendor (case_id, vendor_id)
);

create table vuln_case_message (
    id              bigint      generated always as identity primary key,
    case_id         uuid        not null references vuln_case (id),
    -- Who may read it besides the coordinators.
    channel         text        not null check (channel in ('COORDINATORS', 'VENDOR', 'FINDER', 'ALL')),
    vendor_id       uuid        references vuln_vendor (id),
    author_kind     text        not null check (author_kind in ('COORDINATOR', 'VENDOR', 'FINDER')),
    author_user_id  uuid        references app_user (id),
    -- The vendor an author from a vendor writes for.
    author_vendor_id uuid       references vuln_vendor (id),
    author_label    text        not null default '' check (length(author_label) <= 320),
    body            text        not null check (length(body) between 1 and 20000),
    posted_at       timestamptz not null,
    constraint vuln_case_message_vendor check ((channel = 'VENDOR') = (vendor_id is not null))
);
create index vuln_case_message_by_case on vuln_case_message (case_id, id);

create table vuln_attachment (
    id              uuid        primary key,
    case_id         uuid        not null references vuln_case (id),
    -- Null for files attached to the report itself; otherwise readable by whoever reads the message.
    message_id      bigint      references vuln_case_message (id),
    -- Report attachments are coordinators' and the finder's until a coordinator shares them with the vendors.
    shared_with_vendors boolean not null default false,
    file_name       text        not null check (length(file_name) between 1 and 255),
    content_type    text        not null,
    size            bigint      not null check (size > 0),
    -- Of the plain file, so a recipient can check what they received.
    sha256          text        not null,
    -- The key's fingerprint, so a rotated key can still open older files.
    key_id          text        not null,
    nonce           bytea       not null,
    content         bytea       not null,
    uploaded_by     uuid        references app_user (id),
    uploaded_by_label text      not null default '' check (length(uploaded_by_label) <= 320),
    uploaded_at     timestamptz not null
);
create index vuln_attachment_by_case on vuln_attachment (case_id, uploaded_at);

-- Personal links for a guest finder and for vendor contacts without an account.
create table vuln_access_key (
    key_hash        text        primary key,
    case_id         uuid        not null references vuln_case (id),
    party           text        not null check (party in ('FINDER', 'VENDOR')),
    vendor_id       uuid        references vuln_vendor (id),
    email           text        not null,
    created_at      timestamptz not null,
    expires_at      timestamptz not null,
    constraint vuln_access_key_vendor check ((party = 'VENDOR') = (vendor_id is not null))
);
create index vuln_access_key_by_case on vuln_access_key (case_id);

-- A guest's e-mail address is proven before the report form opens.
create table vuln_guest_verification (
    token_hash      text        primary key,
    email           text        not null,
    name            text        not null default '',
    language        text        not null default 'ja',
    created_at      timestamptz not null,
    expires_at      timestamptz not null,
    used_at         timestamptz
);
create index vuln_guest_verification_by_email on vuln_guest_verification (lower(email), created_at);

-- The advisory as the coordinators draft it; published revisions below are what the public sees.
create table vuln_advisory_draft (
    case_id         uuid        primary key references vuln_case (id),
    title_ja        text        not null default '' check (length(title_ja) <= 200),
    title_en        text        not null default '' check (length(title_en) <= 200),
    summary_ja      text        not null default '' check (length(summary_ja) <= 4000),
    summary_en      text        not null default '' check (length(summary_en) <= 4000),
    impact_ja       text        not null default '' check (length(impact_ja) <= 4000),
    impact_en       text        not null default '' check (length(impact_en) <= 4000),
    solution_ja     text        not null default '' check (length(solution_ja) <= 4000),
    solution_en     text        not null default '' check (length(solution_en) <= 4000),
    -- Links with a short description, one "url description" per line.
    reference_lines text        not null default '' check (length(reference_lines) <= 10000),
    -- How the finder is credited; empty: not credited (always empty without the finder's consent).
    credit          text        not null default '' check (length(credit) <= 200),
    updated_at      timestamptz not null,
    updated_by      uuid        references app_user (id)
);

create table vuln_advisory (
    case_id             uuid        primary key references vuln_case (id),
    -- The CSAF file name's stem (vu_2026-0001): the advisory's address on the public pages.
    slug                text        not null unique,
    tracking_id         text        not null,
    revision            int         not null,
    first_published_at  timestamptz not null,
    published_at        timestamptz not null,
    title_ja            text        not null,
    title_en            text        not null,
    cve_ids             text[]      not null default '{}',
    -- Number, titles, CVE ids, vendors and products: what the public index searches.
    search_text         text        not null
);
create index vuln_advisory_by_date on vuln_advisory (published_at desc, case_id);

create table vuln_advisory_revision (
    case_id         uuid        not null references vuln_advisory (case_id),
    number          int         not null check (number >= 1),
    published_at    timestamptz not null,
    summary         text        not null,
    -- The public page's content as published (JSON), and the machine-readable documents byte for byte.
    page            jsonb       not null,
    csaf            text        not null,
    cve_records     jsonb       not null,
    published_by    uuid        references app_user (id),
    primary key (case_id, number)
);
