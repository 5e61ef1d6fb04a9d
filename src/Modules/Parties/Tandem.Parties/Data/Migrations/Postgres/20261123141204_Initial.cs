using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tandem.Parties.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "parties");

            migrationBuilder.CreateTable(
                name: "party",
                schema: "parties",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    phone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    tax_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    is_customer = table.Column<bool>(type: "boolean", nullable: false),
                    is_supplier = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_party", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_party_company_id",
                schema: "parties",
                table: "party",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_party_company_id_created_at_id",
                schema: "parties",
                table: "party",
                columns: new[] { "company_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_party_company_id_name_id",
                schema: "parties",
                table: "party",
                columns: new[] { "company_id", "name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_party_company_id_number",
                schema: "parties",
                table: "party",
                columns: new[] { "company_id", "number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "party",
                schema: "parties");
        }
    }
}
