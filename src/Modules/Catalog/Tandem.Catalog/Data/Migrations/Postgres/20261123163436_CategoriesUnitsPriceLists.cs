using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tandem.Catalog.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CategoriesUnitsPriceLists : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "category",
                schema: "catalog",
                table: "product",
                type: "character varying(400)",
                maxLength: 400,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(100)",
                oldMaxLength: 100,
                oldNullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "category_id",
                schema: "catalog",
                table: "product",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "custom_fields",
                schema: "catalog",
                table: "product",
                type: "jsonb",
                maxLength: 400,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "category",
                schema: "catalog",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    parent_id = table.Column<Guid>(type: "uuid", nullable: true),
                    path = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_category", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "price_list",
                schema: "catalog",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    valid_from = table.Column<DateOnly>(type: "date", nullable: false),
                    valid_to = table.Column<DateOnly>(type: "date", nullable: true),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_price_list", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "unit",
                schema: "catalog",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    dimension = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    factor = table.Column<decimal>(type: "numeric(28,6)", precision: 28, scale: 6, nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_unit", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "price_list_item",
                schema: "catalog",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    price_list_id = table.Column<Guid>(type: "uuid", nullable: false),
                    product_id = table.Column<Guid>(type: "uuid", nullable: false),
                    min_quantity = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    price = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_price_list_item", x => x.id);
                    table.ForeignKey(
                        name: "fk_price_list_item_price_list_price_list_id",
                        column: x => x.price_list_id,
                        principalSchema: "catalog",
                        principalTable: "price_list",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_product_company_id_category_id",
                schema: "catalog",
                table: "product",
                columns: new[] { "company_id", "category_id" });

            migrationBuilder.CreateIndex(
                name: "ix_product_custom_fields",
                schema: "catalog",
                table: "product",
                column: "custom_fields")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "jsonb_path_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_category_company_id",
                schema: "catalog",
                table: "category",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_category_company_id_path",
                schema: "catalog",
                table: "category",
                columns: new[] { "company_id", "path" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_price_list_company_id",
                schema: "catalog",
                table: "price_list",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_price_list_company_id_code_valid_from",
                schema: "catalog",
                table: "price_list",
                columns: new[] { "company_id", "code", "valid_from" });

            migrationBuilder.CreateIndex(
                name: "ix_price_list_item_company_id",
                schema: "catalog",
                table: "price_list_item",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_price_list_item_price_list_id_product_id_min_quantity",
                schema: "catalog",
                table: "price_list_item",
                columns: new[] { "price_list_id", "product_id", "min_quantity" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_unit_company_id",
                schema: "catalog",
                table: "unit",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_unit_company_id_code",
                schema: "catalog",
                table: "unit",
                columns: new[] { "company_id", "code" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "category",
                schema: "catalog");

            migrationBuilder.DropTable(
                name: "price_list_item",
                schema: "catalog");

            migrationBuilder.DropTable(
                name: "unit",
                schema: "catalog");

            migrationBuilder.DropTable(
                name: "price_list",
                schema: "catalog");

            migrationBuilder.DropIndex(
                name: "ix_product_company_id_category_id",
                schema: "catalog",
                table: "product");

            migrationBuilder.DropIndex(
                name: "ix_product_custom_fields",
                schema: "catalog",
                table: "product");

            migrationBuilder.DropColumn(
                name: "category_id",
                schema: "catalog",
                table: "product");

            migrationBuilder.DropColumn(
                name: "custom_fields",
                schema: "catalog",
                table: "product");

            migrationBuilder.AlterColumn<string>(
                name: "category",
                schema: "catalog",
                table: "product",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(400)",
                oldMaxLength: 400,
                oldNullable: true);
        }
    }
}
