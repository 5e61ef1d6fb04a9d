using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tandem.Catalog.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "catalog_product",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sku = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    unit = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    category = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    is_active = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    list_price_amount = table.Column<long>(type: "INTEGER", precision: 28, scale: 4, nullable: false),
                    list_price_currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catalog_product", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_catalog_product_company_id",
                table: "catalog_product",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_catalog_product_company_id_name_id",
                table: "catalog_product",
                columns: new[] { "company_id", "name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_catalog_product_company_id_sku",
                table: "catalog_product",
                columns: new[] { "company_id", "sku" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "catalog_product");
        }
    }
}
