-- Vulnerability cases (issue 7, intake and the state machine): a signed-in finder reports a flaw in a product or a
-- web site and gets a tracking number (VU#yyyy-nnnn, counted per year); coordinators move the case through the
-- Japanese scheme's states (受付 → 確認 → 受理 / 不受理 → vendor contact with 起算日 → publication date agreed →
-- 公表, then closed with an outcome). Every move is one row in vuln_case_transition, so the history replays to the
-- current status and says who moved it and why. The allowed moves live in the application (CaseStatus), not here:
-- the checks below only keep rows self-consistent.

create table vuln_case_number (
    year int primary key,
    last int not null
);

create table vuln_case (
    id                          uuid        primary key,
    number                      text        not null unique,
    kind                        text        not null check (kind in ('PRODUCT', 'WEBSITE')),
    ics                         boolean     not null default false,
    vendor_name                 text        not null default '' check (length(vendor_name) <= 200),
    product_name                text        not null default '' check (length(product_name) <= 200),
    versions                    text        not null default '' check (length(versions) <= 500),
    site_url                    text        not null default '' check (length(site_url) <= 2000),
    title                       text        not null check (length(title) between 1 and 200),
    description                 text        not null check (length(description) <= 20000),
    reproduction                text        not null default '' check (length(reproduction) <= 20000),
    impact                      text        not null default '' check (length(impact) <= 10000),
    -- The finder's CVSS vector as typed; parsed and scored later by the scoring library, never trusted here.
    suggested_cvss              text        not null default '' check (length(suggested_cvss) <= 200),
    consent_credit              boolean     not null default false,
    consent_share_with_vendor   boolean     not null default false,
    finder_user_id              uuid        not null references app_user (id),
    finder_organisation_id      uuid        not null references organisation (id),
    status                      text        not null check (status in ('RECEIVED', 'CHECKING', 'ACCEPTED',
                                    'NOT_ACCEPTED', 'VENDOR_CONTACTED', 'DATE_AGREED', 'PUBLISHED', 'CLOSED')),
    outcome                     text        check (outcome in ('JVN_PUBLICATION', 'PRIVATE_HANDLING',
                                    'NOT_A_VULNERABILITY', 'NOT_ACCEPTED')),
    -- 起算日: the day the vendor was first contacted; the scheme's deadlines count from it.
    first_vendor_contact_on     date,
    -- The agreed publication moment, and the zone it was agreed in (shown with it everywhere).
    publication_at              timestamptz,
    publication_zone            text        check (length(publication_zone) <= 64),
    created_at                  timestamptz not null,
    updated_at                  timestamptz not null,
    constraint vuln_case_publication_zone check ((publication_at is null) = (publication_zone is null)),
    constraint vuln_case_closed_outcome check ((status = 'CLOSED') = (outcome is not null))
);
create index vuln_case_queue on vuln_case (status, updated_at desc);
create index vuln_case_by_finder on vuln_case (finder_user_id, updated_at desc);

create table vuln_case_transition (
    id                  bigint      generated always as identity primary key,
    case_id             uuid        not null references vuln_case (id),
    -- Null for the filing itself (→ RECEIVED).
    from_status         text,
    to_status           text        not null,
    outcome             text,
    reason              text        not null default '' check (length(reason) <= 4000),
    -- Whether the finder sees the reason; the move itself (status and time) is always theirs to see.
    visible_to_finder   boolean     not null,
    by_user_id          uuid        not null references app_user (id),
    at                  timestamptz not null
);
create index vuln_case_transition_by_case on vuln_case_transition (case_id, id);
