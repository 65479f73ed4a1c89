-- Published vulnerability advisories over TAXII (issue 7). They are public, so all of them go into one collection
-- that every organisation reads and only the platform writes, as STIX vulnerabilities with a report; a revision is
-- new versions of the same objects, a vulnerability it drops a revoked version. The tables record which collection
-- that is, what each advisory last put there (so a redelivered or late event stores nothing twice and versions only
-- move on), and when each publisher's identity object was first made (its creation time must never change). case_id
-- carries no foreign key: the vulns module owns its tables, intel keeps its own record.
create table intel_advisory_collection (
    singleton     boolean     primary key default true check (singleton),
    collection_id uuid        not null unique references intel_collection (id) on delete cascade,
    created_at    timestamptz not null
);

create table intel_advisory_placement (
    case_id       uuid        not null,
    collection_id uuid        not null references intel_collection (id) on delete cascade,
    revision      int         not null,
    last_modified timestamptz not null,
    object_ids    text[]      not null,
    revoked_ids   text[]      not null default '{}',
    placed_at     timestamptz not null,
    updated_at    timestamptz not null,
    primary key (case_id, collection_id)
);

create table intel_advisory_publisher (
    name       text        primary key,
    created_at timestamptz not null
);
