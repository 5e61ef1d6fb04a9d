using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tandem.Platform.Search.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // An external-content FTS5 table over the documents, kept in step by triggers; the integer key
            // is what FTS5 joins on.
            migrationBuilder.Sql(@"
CREATE TABLE search_documents (
    seq INTEGER PRIMARY KEY,
    company_id TEXT NOT NULL,
    type TEXT NOT NULL,
    record_id TEXT NOT NULL,
    title TEXT NOT NULL,
    subtitle TEXT,
    body TEXT,
    url TEXT NOT NULL,
    updated_at TEXT NOT NULL
);");
            migrationBuilder.Sql("CREATE UNIQUE INDEX ux_search_documents_record ON search_documents (company_id, type, record_id);");
            migrationBuilder.Sql(@"CREATE VIRTUAL TABLE search_documents_fts USING fts5(
    title, subtitle, body, content='search_documents', content_rowid='seq', tokenize='unicode61 remove_diacritics 2');");
            migrationBuilder.Sql(@"CREATE TRIGGER search_documents_ai AFTER INSERT ON search_documents BEGIN
    INSERT INTO search_documents_fts (rowid, title, subtitle, body) VALUES (new.seq, new.title, new.subtitle, new.body);
END;");
            migrationBuilder.Sql(@"CREATE TRIGGER search_documents_ad AFTER DELETE ON search_documents BEGIN
    INSERT INTO search_documents_fts (search_documents_fts, rowid, title, subtitle, body) VALUES ('delete', old.seq, old.title, old.subtitle, old.body);
END;");
            migrationBuilder.Sql(@"CREATE TRIGGER search_documents_au AFTER UPDATE ON search_documents BEGIN
    INSERT INTO search_documents_fts (search_documents_fts, rowid, title, subtitle, body) VALUES ('delete', old.seq, old.title, old.subtitle, old.body);
    INSERT INTO search_documents_fts (rowid, title, subtitle, body) VALUES (new.seq, new.title, new.subtitle, new.body);
END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE search_documents_fts;");
            migrationBuilder.Sql("DROP TABLE search_documents;");
        }
    }
}
