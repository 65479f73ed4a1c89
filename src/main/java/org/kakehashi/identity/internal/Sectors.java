package org.kakehashi.identity.internal;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class Sectors {

	private final JdbcClient jdbc;

	Sectors(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<Sector> all() {
		return jdbc.sql("select code, position, name_ja, name_en, ministry_ja, ministry_en from sector order by position")
			.query(Sector.class)
			.list();
	}

	public Optional<Sector> byCode(String code) {
		return jdbc.sql("select code, position, name_ja, name_en, ministry_ja, ministry_en from sector where code = :code")
			.param("code", code)
			.query(Sector.class)
			.optional();
	}
}
