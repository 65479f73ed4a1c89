-- Shared items in TAXII (issues 4 and 5). A platform admin opts a collection in; each published item then goes
-- into every opted-in collection whose readers all received it, so TAXII never widens an item's audience.
-- TLP:CLEAR goes into every opted-in collection; TLP:RED (named individuals) into none.
create table intel_shared_feed (
    collection_id uuid        primary key references intel_collection (id) on delete cascade,
    enabled_at    timestamptz not null,
    enabled_by    uuid        references app_user (id) on delete set null
);

-- Where each item went, so a withdrawal revokes every copy and a redelivered event places nothing twice.
-- item_id has no foreign key: the sharing module owns its table, intel keeps its own record.
create table intel_shared_placement (
    item_id        uuid        not null,
    collection_id  uuid        not null references intel_collection (id) on delete cascade,
    placed_at      timestamptz not null,
    revoked_at     timestamptz,
    primary key (item_id, collection_id)
);
