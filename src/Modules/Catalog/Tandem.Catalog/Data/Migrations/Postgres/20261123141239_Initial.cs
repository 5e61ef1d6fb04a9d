using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tandem.Catalog.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "catalog");

            migrationBuilder.CreateTable(
                name: "product",
                schema: "catalog",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    sku = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    unit = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    category = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    list_price_amount = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    list_price_currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_product", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_product_company_id",
                schema: "catalog",
                table: "product",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_product_company_id_name_id",
                schema: "catalog",
                table: "product",
                columns: new[] { "company_id", "name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_product_company_id_sku",
                schema: "catalog",
                table: "product",
                columns: new[] { "company_id", "sku" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "product",
                schema: "catalog");
        }
    }
}
