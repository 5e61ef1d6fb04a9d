using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tandem.Inventory.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "inventory");

            migrationBuilder.CreateTable(
                name: "category_valuation",
                schema: "inventory",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    category = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    method = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_category_valuation", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "count_sheet",
                schema: "inventory",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    location_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    posted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_count_sheet", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "location",
                schema: "inventory",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    warehouse_id = table.Column<Guid>(type: "uuid", nullable: true),
                    parent_id = table.Column<Guid>(type: "uuid", nullable: true),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    path = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_location", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "lot",
                schema: "inventory",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    product_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    is_serial = table.Column<bool>(type: "boolean", nullable: false),
                    expiry_date = table.Column<DateOnly>(type: "date", nullable: true),
                    supplier_id = table.Column<Guid>(type: "uuid", nullable: true),
                    receipt_move_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_lot", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "product_settings",
                schema: "inventory",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    product_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tracking = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    valuation = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    supplier_id = table.Column<Guid>(type: "uuid", nullable: true),
                    lead_time_days = table.Column<int>(type: "integer", nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_product_settings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "product_valuation",
                schema: "inventory",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    product_id = table.Column<Guid>(type: "uuid", nullable: false),
                    quantity = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    value = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_product_valuation", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "reorder_rule",
                schema: "inventory",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    product_id = table.Column<Guid>(type: "uuid", nullable: false),
                    warehouse_id = table.Column<Guid>(type: "uuid", nullable: false),
                    min = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    max = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reorder_rule", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "stock_level",
                schema: "inventory",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    product_id = table.Column<Guid>(type: "uuid", nullable: false),
                    location_id = table.Column<Guid>(type: "uuid", nullable: false),
                    warehouse_id = table.Column<Guid>(type: "uuid", nullable: true),
                    on_hand = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    reserved = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stock_level", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "stock_move",
                schema: "inventory",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    product_id = table.Column<Guid>(type: "uuid", nullable: false),
                    quantity = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    entered_quantity = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    entered_unit = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    from_location_id = table.Column<Guid>(type: "uuid", nullable: false),
                    to_location_id = table.Column<Guid>(type: "uuid", nullable: false),
                    warehouse_id = table.Column<Guid>(type: "uuid", nullable: false),
                    scheduled_date = table.Column<DateOnly>(type: "date", nullable: false),
                    done_date = table.Column<DateOnly>(type: "date", nullable: true),
                    party_id = table.Column<Guid>(type: "uuid", nullable: true),
                    reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    source_type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    source_id = table.Column<Guid>(type: "uuid", nullable: true),
                    source_line_id = table.Column<Guid>(type: "uuid", nullable: true),
                    unit_cost = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: true),
                    value = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    entry_number = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    reserved_quantity = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    done_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stock_move", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "stock_quant",
                schema: "inventory",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    product_id = table.Column<Guid>(type: "uuid", nullable: false),
                    location_id = table.Column<Guid>(type: "uuid", nullable: false),
                    warehouse_id = table.Column<Guid>(type: "uuid", nullable: true),
                    lot_id = table.Column<Guid>(type: "uuid", nullable: false),
                    quantity = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stock_quant", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "valuation_layer",
                schema: "inventory",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    product_id = table.Column<Guid>(type: "uuid", nullable: false),
                    move_id = table.Column<Guid>(type: "uuid", nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    sequence = table.Column<long>(type: "bigint", nullable: false),
                    quantity = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    value = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    remaining_quantity = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    remaining_value = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_valuation_layer", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "warehouse",
                schema: "inventory",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    root_location_id = table.Column<Guid>(type: "uuid", nullable: false),
                    stock_location_id = table.Column<Guid>(type: "uuid", nullable: false),
                    input_location_id = table.Column<Guid>(type: "uuid", nullable: false),
                    output_location_id = table.Column<Guid>(type: "uuid", nullable: false),
                    scrap_location_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_warehouse", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "count_line",
                schema: "inventory",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    sheet_id = table.Column<Guid>(type: "uuid", nullable: false),
                    product_id = table.Column<Guid>(type: "uuid", nullable: false),
                    lot_id = table.Column<Guid>(type: "uuid", nullable: true),
                    expected = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    counted = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: true),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_count_line", x => x.id);
                    table.ForeignKey(
                        name: "fk_count_line_count_sheet_sheet_id",
                        column: x => x.sheet_id,
                        principalSchema: "inventory",
                        principalTable: "count_sheet",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "stock_move_line",
                schema: "inventory",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    move_id = table.Column<Guid>(type: "uuid", nullable: false),
                    lot_id = table.Column<Guid>(type: "uuid", nullable: true),
                    quantity = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stock_move_line", x => x.id);
                    table.ForeignKey(
                        name: "fk_stock_move_line_stock_move_move_id",
                        column: x => x.move_id,
                        principalSchema: "inventory",
                        principalTable: "stock_move",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_category_valuation_company_id",
                schema: "inventory",
                table: "category_valuation",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_category_valuation_company_id_category",
                schema: "inventory",
                table: "category_valuation",
                columns: new[] { "company_id", "category" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_count_line_company_id",
                schema: "inventory",
                table: "count_line",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_count_line_sheet_id",
                schema: "inventory",
                table: "count_line",
                column: "sheet_id");

            migrationBuilder.CreateIndex(
                name: "ix_count_sheet_company_id",
                schema: "inventory",
                table: "count_sheet",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_count_sheet_company_id_number",
                schema: "inventory",
                table: "count_sheet",
                columns: new[] { "company_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_location_company_id",
                schema: "inventory",
                table: "location",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_location_company_id_path",
                schema: "inventory",
                table: "location",
                columns: new[] { "company_id", "path" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_location_company_id_warehouse_id",
                schema: "inventory",
                table: "location",
                columns: new[] { "company_id", "warehouse_id" });

            migrationBuilder.CreateIndex(
                name: "ix_lot_company_id",
                schema: "inventory",
                table: "lot",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_lot_company_id_product_id_number",
                schema: "inventory",
                table: "lot",
                columns: new[] { "company_id", "product_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_product_settings_company_id",
                schema: "inventory",
                table: "product_settings",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_product_settings_company_id_product_id",
                schema: "inventory",
                table: "product_settings",
                columns: new[] { "company_id", "product_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_product_valuation_company_id",
                schema: "inventory",
                table: "product_valuation",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_product_valuation_company_id_product_id",
                schema: "inventory",
                table: "product_valuation",
                columns: new[] { "company_id", "product_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_reorder_rule_company_id",
                schema: "inventory",
                table: "reorder_rule",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_reorder_rule_company_id_product_id_warehouse_id",
                schema: "inventory",
                table: "reorder_rule",
                columns: new[] { "company_id", "product_id", "warehouse_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_stock_level_company_id",
                schema: "inventory",
                table: "stock_level",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_stock_level_company_id_product_id_location_id",
                schema: "inventory",
                table: "stock_level",
                columns: new[] { "company_id", "product_id", "location_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_stock_level_company_id_warehouse_id_product_id",
                schema: "inventory",
                table: "stock_level",
                columns: new[] { "company_id", "warehouse_id", "product_id" });

            migrationBuilder.CreateIndex(
                name: "ix_stock_move_company_id",
                schema: "inventory",
                table: "stock_move",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_stock_move_company_id_number",
                schema: "inventory",
                table: "stock_move",
                columns: new[] { "company_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_stock_move_company_id_product_id_status_scheduled_date",
                schema: "inventory",
                table: "stock_move",
                columns: new[] { "company_id", "product_id", "status", "scheduled_date" });

            migrationBuilder.CreateIndex(
                name: "ix_stock_move_company_id_source_type_source_id",
                schema: "inventory",
                table: "stock_move",
                columns: new[] { "company_id", "source_type", "source_id" });

            migrationBuilder.CreateIndex(
                name: "ix_stock_move_company_id_status_kind_scheduled_date_id",
                schema: "inventory",
                table: "stock_move",
                columns: new[] { "company_id", "status", "kind", "scheduled_date", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_stock_move_line_company_id",
                schema: "inventory",
                table: "stock_move_line",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_stock_move_line_company_id_lot_id",
                schema: "inventory",
                table: "stock_move_line",
                columns: new[] { "company_id", "lot_id" });

            migrationBuilder.CreateIndex(
                name: "ix_stock_move_line_move_id",
                schema: "inventory",
                table: "stock_move_line",
                column: "move_id");

            migrationBuilder.CreateIndex(
                name: "ix_stock_quant_company_id",
                schema: "inventory",
                table: "stock_quant",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_stock_quant_company_id_location_id_product_id",
                schema: "inventory",
                table: "stock_quant",
                columns: new[] { "company_id", "location_id", "product_id" });

            migrationBuilder.CreateIndex(
                name: "ix_stock_quant_company_id_lot_id",
                schema: "inventory",
                table: "stock_quant",
                columns: new[] { "company_id", "lot_id" });

            migrationBuilder.CreateIndex(
                name: "ix_stock_quant_company_id_product_id_location_id_lot_id",
                schema: "inventory",
                table: "stock_quant",
                columns: new[] { "company_id", "product_id", "location_id", "lot_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_valuation_layer_company_id",
                schema: "inventory",
                table: "valuation_layer",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_valuation_layer_company_id_move_id",
                schema: "inventory",
                table: "valuation_layer",
                columns: new[] { "company_id", "move_id" });

            migrationBuilder.CreateIndex(
                name: "ix_valuation_layer_company_id_product_id_sequence",
                schema: "inventory",
                table: "valuation_layer",
                columns: new[] { "company_id", "product_id", "sequence" });

            migrationBuilder.CreateIndex(
                name: "ix_warehouse_company_id",
                schema: "inventory",
                table: "warehouse",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_warehouse_company_id_code",
                schema: "inventory",
                table: "warehouse",
                columns: new[] { "company_id", "code" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "category_valuation",
                schema: "inventory");

            migrationBuilder.DropTable(
                name: "count_line",
                schema: "inventory");

            migrationBuilder.DropTable(
                name: "location",
                schema: "inventory");

            migrationBuilder.DropTable(
                name: "lot",
                schema: "inventory");

            migrationBuilder.DropTable(
                name: "product_settings",
                schema: "inventory");

            migrationBuilder.DropTable(
                name: "product_valuation",
                schema: "inventory");

            migrationBuilder.DropTable(
                name: "reorder_rule",
                schema: "inventory");

            migrationBuilder.DropTable(
                name: "stock_level",
                schema: "inventory");

            migrationBuilder.DropTable(
                name: "stock_move_line",
                schema: "inventory");

            migrationBuilder.DropTable(
                name: "stock_quant",
                schema: "inventory");

            migrationBuilder.DropTable(
                name: "valuation_layer",
                schema: "inventory");

            migrationBuilder.DropTable(
                name: "warehouse",
                schema: "inventory");

            migrationBuilder.DropTable(
                name: "count_sheet",
                schema: "inventory");

            migrationBuilder.DropTable(
                name: "stock_move",
                schema: "inventory");
        }
    }
}
