using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tandem.Parties.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddressesContactPointsTagsDuplicates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "custom_fields",
                schema: "parties",
                table: "party",
                type: "jsonb",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "is_prospect",
                schema: "parties",
                table: "party",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "merged_at",
                schema: "parties",
                table: "party",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "merged_into_id",
                schema: "parties",
                table: "party",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "normalized_name",
                schema: "parties",
                table: "party",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<List<string>>(
                name: "tags",
                schema: "parties",
                table: "party",
                type: "text[]",
                nullable: false);

            migrationBuilder.CreateTable(
                name: "address",
                schema: "parties",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    party_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    line1 = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    line2 = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    postal_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    city = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    region = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    country = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    is_default = table.Column<bool>(type: "boolean", nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_address", x => x.id);
                    table.ForeignKey(
                        name: "fk_address_party_party_id",
                        column: x => x.party_id,
                        principalSchema: "parties",
                        principalTable: "party",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "contact_point",
                schema: "parties",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    party_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    value = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    label = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    is_primary = table.Column<bool>(type: "boolean", nullable: false),
                    match_key = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    email_domain = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_contact_point", x => x.id);
                    table.ForeignKey(
                        name: "fk_contact_point_party_party_id",
                        column: x => x.party_id,
                        principalSchema: "parties",
                        principalTable: "party",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "tax_id",
                schema: "parties",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    party_id = table.Column<Guid>(type: "uuid", nullable: false),
                    value = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    scheme = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    match_key = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tax_id", x => x.id);
                    table.ForeignKey(
                        name: "fk_tax_id_party_party_id",
                        column: x => x.party_id,
                        principalSchema: "parties",
                        principalTable: "party",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_party_company_id_normalized_name",
                schema: "parties",
                table: "party",
                columns: new[] { "company_id", "normalized_name" });

            migrationBuilder.CreateIndex(
                name: "ix_party_custom_fields",
                schema: "parties",
                table: "party",
                column: "custom_fields")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "jsonb_path_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_address_company_id",
                schema: "parties",
                table: "address",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_address_party_id",
                schema: "parties",
                table: "address",
                column: "party_id");

            migrationBuilder.CreateIndex(
                name: "ix_contact_point_company_id",
                schema: "parties",
                table: "contact_point",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_contact_point_company_id_email_domain",
                schema: "parties",
                table: "contact_point",
                columns: new[] { "company_id", "email_domain" });

            migrationBuilder.CreateIndex(
                name: "ix_contact_point_company_id_match_key",
                schema: "parties",
                table: "contact_point",
                columns: new[] { "company_id", "match_key" });

            migrationBuilder.CreateIndex(
                name: "ix_contact_point_party_id",
                schema: "parties",
                table: "contact_point",
                column: "party_id");

            migrationBuilder.CreateIndex(
                name: "ix_tax_id_company_id",
                schema: "parties",
                table: "tax_id",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_tax_id_company_id_match_key",
                schema: "parties",
                table: "tax_id",
                columns: new[] { "company_id", "match_key" });

            migrationBuilder.CreateIndex(
                name: "ix_tax_id_party_id",
                schema: "parties",
                table: "tax_id",
                column: "party_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "address",
                schema: "parties");

            migrationBuilder.DropTable(
                name: "contact_point",
                schema: "parties");

            migrationBuilder.DropTable(
                name: "tax_id",
                schema: "parties");

            migrationBuilder.DropIndex(
                name: "ix_party_company_id_normalized_name",
                schema: "parties",
                table: "party");

            migrationBuilder.DropIndex(
                name: "ix_party_custom_fields",
                schema: "parties",
                table: "party");

            migrationBuilder.DropColumn(
                name: "custom_fields",
                schema: "parties",
                table: "party");

            migrationBuilder.DropColumn(
                name: "is_prospect",
                schema: "parties",
                table: "party");

            migrationBuilder.DropColumn(
                name: "merged_at",
                schema: "parties",
                table: "party");

            migrationBuilder.DropColumn(
                name: "merged_into_id",
                schema: "parties",
                table: "party");

            migrationBuilder.DropColumn(
                name: "normalized_name",
                schema: "parties",
                table: "party");

            migrationBuilder.DropColumn(
                name: "tags",
                schema: "parties",
                table: "party");
        }
    }
}
