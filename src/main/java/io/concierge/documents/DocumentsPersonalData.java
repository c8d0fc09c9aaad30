package io.concierge.documents;

import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.concierge.shared.DataSubject;
import io.concierge.shared.ExportRows;
import io.concierge.shared.PersonalData;

/**
 * What the document store keeps about a person: the files they keep here (their uploads,
 * return photos, ticket attachments, their invoices) and who opened them. An erasure
 * removes their files, content and all, and pseudonymises them where they opened or
 * shared a document that stays; their invoices stay, as billing must keep them. It runs
 * after the modules whose records point at the files.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 1)
class DocumentsPersonalData implements PersonalData {

	private final JdbcClient jdbc;

	private final Documents documents;

	DocumentsPersonalData(JdbcClient jdbc, Documents documents) {
		this.jdbc = jdbc;
		this.documents = documents;
	}

	@Override
	public String section() {
		return "documents";
	}

	@Override
	public Map<String, List<Map<String, Object>>> export(DataSubject subject) {
		Map<String, List<Map<String, Object>>> data = new LinkedHashMap<>();
		if (subject.isCompany()) {
			return data;
		}
		data.put("documents", ExportRows.of(this.jdbc.sql("""
				select id, kind, display_name, content_type, size_bytes, state, created_at from document
				where owner_account = ? and kind <> 'DATA_EXPORT' order by created_at""").param(subject.account())));
		data.put("accesses", ExportRows.of(this.jdbc.sql("""
				select a.document_id, d.display_name, a.actor_kind,
				  a.actor, a.purpose, a.occurred_at
				from document_access a join document d on d.id = a.document_id
				where d.owner_account = ? and d.kind <> 'DATA_EXPORT' order by a.occurred_at""")
			.param(subject.account())));
		data.put("links", ExportRows.of(this.jdbc.sql("""
				select l.document_id, d.display_name, l.created_at, l.expires_at, l.revoked_at
				from document_link l join document d on d.id = l.document_id
				where d.owner_account = ? order by l.created_at""").param(subject.account())));
		return data;
	}

	/**
	 * The person's files as they gave them, decrypted; quarantined ones are listed only.
	 */
	@Override
	public void files(DataSubject subject, Files sink) throws IOException {
		if (subject.isCompany()) {
			return;
		}
		List<Map.Entry<UUID, String>> files = this.jdbc.sql("""
				select id, display_name from document
				where owner_account = ? and kind <> 'DATA_EXPORT' and state = 'AVAILABLE' order by created_at""")
			.param(subject.account())
			.query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), rs.getString(2)))
			.list();
		Set<String> names = new HashSet<>();
		for (Map.Entry<UUID, String> file : files) {
			String name = file.getValue().replace('/', '_');
			if (!names.add(name)) {
				name = file.getKey() + "-" + name;
			}
			sink.add("documents/" + name, this.documents.read(file.getKey(), "data export"));
		}
	}

	@Override
	public List<Erased> erase(DataSubject subject, String pseudonym) {
		String address = pseudonym + "@erased.invalid";
		List<UUID> files = this.jdbc
			.sql("select id from document where owner_account = ? and kind not in ('INVOICE', 'DATA_EXPORT')")
			.param(subject.account())
			.query(UUID.class)
			.list();
		files.forEach(this.documents::discard);
		long invoices = this.jdbc.sql("select count(*) from document where owner_account = ? and kind = 'INVOICE'")
			.param(subject.account())
			.query(Long.class)
			.single();
		this.jdbc.sql("update document set uploaded_by = ? where uploaded_by = ?")
			.params(address, subject.email())
			.update();
		this.jdbc.sql("update document_access set actor = ? where actor = ?").params(address, subject.email()).update();
		this.jdbc.sql("update document_link set created_by = ? where created_by = ?")
			.params(address, subject.email())
			.update();
		return List.of(Erased.erased("documents.files", files.size()), Erased.kept("documents.invoices", invoices));
	}

}
