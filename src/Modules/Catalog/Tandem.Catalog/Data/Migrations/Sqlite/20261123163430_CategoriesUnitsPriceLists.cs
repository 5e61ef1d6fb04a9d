using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tandem.Catalog.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CategoriesUnitsPriceLists : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "category_id",
                table: "catalog_product",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "custom_fields",
                table: "catalog_product",
                type: "text",
                maxLength: 400,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "catalog_category",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    parent_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    path = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catalog_category", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "catalog_price_list",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    valid_from = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    valid_to = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catalog_price_list", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "catalog_unit",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    dimension = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    factor = table.Column<long>(type: "INTEGER", precision: 28, scale: 6, nullable: false),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catalog_unit", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "catalog_price_list_item",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    price_list_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    product_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    min_quantity = table.Column<long>(type: "INTEGER", precision: 28, scale: 4, nullable: false),
                    price = table.Column<long>(type: "INTEGER", precision: 28, scale: 4, nullable: false),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catalog_price_list_item", x => x.id);
                    table.ForeignKey(
                        name: "fk_catalog_price_list_item_catalog_price_list_price_list_id",
                        column: x => x.price_list_id,
                        principalTable: "catalog_price_list",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_catalog_product_company_id_category_id",
                table: "catalog_product",
                columns: new[] { "company_id", "category_id" });

            migrationBuilder.CreateIndex(
                name: "ix_catalog_category_company_id",
                table: "catalog_category",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_catalog_category_company_id_path",
                table: "catalog_category",
                columns: new[] { "company_id", "path" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_catalog_price_list_company_id",
                table: "catalog_price_list",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_catalog_price_list_company_id_code_valid_from",
                table: "catalog_price_list",
                columns: new[] { "company_id", "code", "valid_from" });

            migrationBuilder.CreateIndex(
                name: "ix_catalog_price_list_item_company_id",
                table: "catalog_price_list_item",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_catalog_price_list_item_price_list_id_product_id_min_quantity",
                table: "catalog_price_list_item",
                columns: new[] { "price_list_id", "product_id", "min_quantity" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_catalog_unit_company_id",
                table: "catalog_unit",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_catalog_unit_company_id_code",
                table: "catalog_unit",
                columns: new[] { "company_id", "code" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "catalog_category");

            migrationBuilder.DropTable(
                name: "catalog_price_list_item");

            migrationBuilder.DropTable(
                name: "catalog_unit");

            migrationBuilder.DropTable(
                name: "catalog_price_list");

            migrationBuilder.DropIndex(
                name: "ix_catalog_product_company_id_category_id",
                table: "catalog_product");

            migrationBuilder.DropColumn(
                name: "category_id",
                table: "catalog_product");

            migrationBuilder.DropColumn(
                name: "custom_fields",
                table: "catalog_product");
        }
    }
}
