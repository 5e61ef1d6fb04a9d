using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tandem.Parties.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddressesContactPointsTagsDuplicates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "custom_fields",
                table: "parties_party",
                type: "text",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "is_prospect",
                table: "parties_party",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "merged_at",
                table: "parties_party",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "merged_into_id",
                table: "parties_party",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "normalized_name",
                table: "parties_party",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "tags",
                table: "parties_party",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.CreateTable(
                name: "parties_address",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    party_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    line1 = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    line2 = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    postal_code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    city = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    region = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    country = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    is_default = table.Column<bool>(type: "INTEGER", nullable: false),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_parties_address", x => x.id);
                    table.ForeignKey(
                        name: "fk_parties_address_parties_party_party_id",
                        column: x => x.party_id,
                        principalTable: "parties_party",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "parties_contact_point",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    party_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    value = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    label = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    is_primary = table.Column<bool>(type: "INTEGER", nullable: false),
                    match_key = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    email_domain = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_parties_contact_point", x => x.id);
                    table.ForeignKey(
                        name: "fk_parties_contact_point_parties_party_party_id",
                        column: x => x.party_id,
                        principalTable: "parties_party",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "parties_tax_id",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    party_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    value = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    scheme = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    match_key = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_parties_tax_id", x => x.id);
                    table.ForeignKey(
                        name: "fk_parties_tax_id_parties_party_party_id",
                        column: x => x.party_id,
                        principalTable: "parties_party",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_parties_party_company_id_normalized_name",
                table: "parties_party",
                columns: new[] { "company_id", "normalized_name" });

            migrationBuilder.CreateIndex(
                name: "ix_parties_address_company_id",
                table: "parties_address",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_parties_address_party_id",
                table: "parties_address",
                column: "party_id");

            migrationBuilder.CreateIndex(
                name: "ix_parties_contact_point_company_id",
                table: "parties_contact_point",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_parties_contact_point_company_id_email_domain",
                table: "parties_contact_point",
                columns: new[] { "company_id", "email_domain" });

            migrationBuilder.CreateIndex(
                name: "ix_parties_contact_point_company_id_match_key",
                table: "parties_contact_point",
                columns: new[] { "company_id", "match_key" });

            migrationBuilder.CreateIndex(
                name: "ix_parties_contact_point_party_id",
                table: "parties_contact_point",
                column: "party_id");

            migrationBuilder.CreateIndex(
                name: "ix_parties_tax_id_company_id",
                table: "parties_tax_id",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_parties_tax_id_company_id_match_key",
                table: "parties_tax_id",
                columns: new[] { "company_id", "match_key" });

            migrationBuilder.CreateIndex(
                name: "ix_parties_tax_id_party_id",
                table: "parties_tax_id",
                column: "party_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "parties_address");

            migrationBuilder.DropTable(
                name: "parties_contact_point");

            migrationBuilder.DropTable(
                name: "parties_tax_id");

            migrationBuilder.DropIndex(
                name: "ix_parties_party_company_id_normalized_name",
                table: "parties_party");

            migrationBuilder.DropColumn(
                name: "custom_fields",
                table: "parties_party");

            migrationBuilder.DropColumn(
                name: "is_prospect",
                table: "parties_party");

            migrationBuilder.DropColumn(
                name: "merged_at",
                table: "parties_party");

            migrationBuilder.DropColumn(
                name: "merged_into_id",
                table: "parties_party");

            migrationBuilder.DropColumn(
                name: "normalized_name",
                table: "parties_party");

            migrationBuilder.DropColumn(
                name: "tags",
                table: "parties_party");
        }
    }
}
