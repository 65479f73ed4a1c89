-- Warning templates (issue 6, "compose from a template"): a sender organisation keeps its own starting points
-- beside the built-in ones. Built-in templates are not rows: their text lives in the message bundles so it follows
-- the UI's languages. The content is the warning content as the API writes it, so a template never drifts from
-- what a warning can hold; it is checked again when a warning is composed from it.
create table warning_template (
    id                     uuid        primary key,
    sender_organisation_id uuid        not null references organisation (id) on delete cascade,
    name                   text        not null check (length(name) between 1 and 200),
    content                jsonb       not null,
    created_by             uuid        not null references app_user (id),
    created_at             timestamptz not null,
    updated_at             timestamptz not null
);
-- Staff choose templates by name: no two of one organisation may look the same.
create unique index warning_template_name_uq on warning_template (sender_organisation_id, lower(name));
