using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tandem.Platform.Search.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The tsvector is generated from the text with punctuation turned into spaces, so "jane@acme.com"
            // is found by "acme"; the 'simple' configuration keeps words as written, in any language.
            migrationBuilder.Sql("CREATE SCHEMA IF NOT EXISTS search;");
            migrationBuilder.Sql(@"
CREATE TABLE search.documents (
    company_id uuid NOT NULL,
    type varchar(40) NOT NULL,
    record_id uuid NOT NULL,
    title varchar(400) NOT NULL,
    subtitle varchar(400),
    body text,
    url varchar(400) NOT NULL,
    updated_at timestamptz NOT NULL,
    terms tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, regexp_replace(title, '[^[:alnum:]]+', ' ', 'g')), 'A') ||
        setweight(to_tsvector('simple'::regconfig, regexp_replace(coalesce(subtitle, ''), '[^[:alnum:]]+', ' ', 'g')), 'B') ||
        setweight(to_tsvector('simple'::regconfig, regexp_replace(coalesce(body, ''), '[^[:alnum:]]+', ' ', 'g')), 'C')
    ) STORED,
    CONSTRAINT pk_documents PRIMARY KEY (company_id, type, record_id)
);");
            migrationBuilder.Sql("CREATE INDEX ix_documents_terms ON search.documents USING gin (terms);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE search.documents;");
        }
    }
}
