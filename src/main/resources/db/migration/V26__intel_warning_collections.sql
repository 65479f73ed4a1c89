-- Early warnings over TAXII (issue 6). Each prior agreement whose channels include TAXII gets its own collection,
-- readable only by the subscriber organisation and written only by the platform; each published warning is stored
-- there as STIX (report, course-of-action, vulnerabilities, indicators), a revision as new versions of the same
-- objects, a withdrawal as revoked versions. agreement_id and warning_id carry no foreign key: the warnings module
-- owns those tables, intel keeps its own record.
create table intel_warning_collection (
    agreement_id    uuid        primary key,
    collection_id   uuid        not null unique references intel_collection (id) on delete cascade,
    organisation_id uuid        not null references organisation (id) on delete cascade,
    created_at      timestamptz not null
);

-- What each warning last put into each collection, so a redelivered event stores nothing twice, a revision knows
-- which objects to version (and which to revoke because the revision dropped them), and versions only move on.
create table intel_warning_placement (
    warning_id     uuid        not null,
    collection_id  uuid        not null references intel_collection (id) on delete cascade,
    revision       int         not null,
    withdrawn      boolean     not null default false,
    -- The modified timestamp of the newest versions stored; the next ones are later.
    last_modified  timestamptz not null,
    -- The objects the warning has in the collection now, and those revoked for good (ids never reused).
    object_ids     text[]      not null,
    revoked_ids    text[]      not null default '{}',
    placed_at      timestamptz not null,
    updated_at     timestamptz not null,
    primary key (warning_id, collection_id)
);

-- The identity object each sender organisation appears as: one id and one creation time for all its warnings, a
-- new version when the organisation's name changes.
create table intel_warning_sender (
    organisation_id uuid        primary key references organisation (id) on delete cascade,
    name            text        not null,
    created_at      timestamptz not null,
    modified_at     timestamptz not null
);
