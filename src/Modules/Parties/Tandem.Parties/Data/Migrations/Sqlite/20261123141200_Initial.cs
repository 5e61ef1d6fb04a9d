using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tandem.Parties.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "parties_party",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    phone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    tax_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    is_customer = table.Column<bool>(type: "INTEGER", nullable: false),
                    is_supplier = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_parties_party", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_parties_party_company_id",
                table: "parties_party",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_parties_party_company_id_created_at_id",
                table: "parties_party",
                columns: new[] { "company_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_parties_party_company_id_name_id",
                table: "parties_party",
                columns: new[] { "company_id", "name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_parties_party_company_id_number",
                table: "parties_party",
                columns: new[] { "company_id", "number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "parties_party");
        }
    }
}
