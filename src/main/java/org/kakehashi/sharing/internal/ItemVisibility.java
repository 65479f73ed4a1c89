package org.kakehashi.sharing.internal;

import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.reporting.Viewer;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Who may read a shared item, as one SQL predicate over the alias {@code i}: analysts and coordinators of the
 * hub that wrote it (every state); reporters and administrators of a source organisation once the hub asked for
 * approval; after publication, anyone for TLP:CLEAR, the recipient organisations' members for GREEN and AMBER
 * (+STRICT), and only the named individuals for RED. Nobody else, whatever their role.
 */
public final class ItemVisibility {

	/** Append with {@code and}; bind with {@link #bind}. */
	public static final String VISIBLE = """
			((i.hub_organisation_id = :viewerOrg and :viewerHubStaff)
			 or (i.status <> 'DRAFT' and :viewerApprover
			     and exists (select 1 from shared_item_source s where s.item_id = i.id and s.organisation_id = :viewerOrg))
			 or (i.published_at is not null
			     and (i.tlp = 'CLEAR'
			          or (i.tlp <> 'RED' and exists (select 1 from shared_item_recipient r
			                                         where r.item_id = i.id and r.organisation_id = :viewerOrg))
			          or (i.tlp = 'RED' and exists (select 1 from shared_item_recipient_user u
			                                        where u.item_id = i.id and u.user_id = :viewerUser)))))
			""";

	/** Received: published to the viewer (their organisation, or them by name for RED); what an inbox lists. */
	public static final String RECEIVED = """
			(i.published_at is not null
			 and ((i.tlp <> 'RED' and exists (select 1 from shared_item_recipient r
			                                  where r.item_id = i.id and r.organisation_id = :viewerOrg))
			      or (i.tlp = 'RED' and exists (select 1 from shared_item_recipient_user u
			                                    where u.item_id = i.id and u.user_id = :viewerUser))))
			""";

	/** What anyone may read without signing in: published (not withdrawn) TLP:CLEAR items. */
	public static final String PUBLIC = "(i.tlp = 'CLEAR' and i.status = 'PUBLISHED')";

	private ItemVisibility() {
	}

	public static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, Viewer viewer) {
		return spec.param("viewerOrg", viewer.organisationId())
			.param("viewerUser", viewer.userId())
			.param("viewerHubStaff", hubStaff(viewer))
			.param("viewerApprover", approver(viewer));
	}

	/** Analysts and coordinators of the national centre or an information hub write shared items. */
	public static boolean hubStaff(Viewer viewer) {
		return (viewer.is(OrganisationType.NATIONAL_CENTRE) || viewer.is(OrganisationType.INFORMATION_HUB))
				&& (viewer.has(Role.ANALYST) || viewer.has(Role.COORDINATOR));
	}

	/** Reporters and organisation administrators speak for a source organisation. */
	public static boolean approver(Viewer viewer) {
		return viewer.has(Role.REPORTER) || viewer.has(Role.ORG_ADMIN);
	}
}
