using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tandem.Inventory.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "inventory_category_valuation",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    category = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    method = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inventory_category_valuation", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inventory_count_sheet",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    location_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    posted_at = table.Column<long>(type: "INTEGER", nullable: true),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inventory_count_sheet", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inventory_location",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    warehouse_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    parent_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    path = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inventory_location", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inventory_lot",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    product_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    number = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    is_serial = table.Column<bool>(type: "INTEGER", nullable: false),
                    expiry_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    supplier_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    receipt_move_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inventory_lot", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inventory_product_settings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    product_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tracking = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    valuation = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    supplier_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    lead_time_days = table.Column<int>(type: "INTEGER", nullable: false),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inventory_product_settings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inventory_product_valuation",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    product_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    quantity = table.Column<long>(type: "INTEGER", nullable: false),
                    value = table.Column<long>(type: "INTEGER", nullable: false),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inventory_product_valuation", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inventory_reorder_rule",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    product_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    warehouse_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    min = table.Column<long>(type: "INTEGER", nullable: false),
                    max = table.Column<long>(type: "INTEGER", nullable: false),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inventory_reorder_rule", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inventory_stock_level",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    product_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    location_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    warehouse_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    on_hand = table.Column<long>(type: "INTEGER", nullable: false),
                    reserved = table.Column<long>(type: "INTEGER", nullable: false),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inventory_stock_level", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inventory_stock_move",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    product_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    quantity = table.Column<long>(type: "INTEGER", nullable: false),
                    entered_quantity = table.Column<long>(type: "INTEGER", nullable: false),
                    entered_unit = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    from_location_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    to_location_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    warehouse_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    scheduled_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    done_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    party_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    reference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    source_type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    source_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    source_line_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    unit_cost = table.Column<long>(type: "INTEGER", nullable: true),
                    value = table.Column<long>(type: "INTEGER", nullable: false),
                    entry_number = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    reserved_quantity = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    done_at = table.Column<long>(type: "INTEGER", nullable: true),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inventory_stock_move", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inventory_stock_quant",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    product_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    location_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    warehouse_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    lot_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    quantity = table.Column<long>(type: "INTEGER", nullable: false),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inventory_stock_quant", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inventory_valuation_layer",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    product_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    move_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    quantity = table.Column<long>(type: "INTEGER", nullable: false),
                    value = table.Column<long>(type: "INTEGER", nullable: false),
                    remaining_quantity = table.Column<long>(type: "INTEGER", nullable: false),
                    remaining_value = table.Column<long>(type: "INTEGER", nullable: false),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inventory_valuation_layer", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inventory_warehouse",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    root_location_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    stock_location_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    input_location_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    output_location_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    scrap_location_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inventory_warehouse", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inventory_count_line",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sheet_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    product_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    lot_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    expected = table.Column<long>(type: "INTEGER", nullable: false),
                    counted = table.Column<long>(type: "INTEGER", nullable: true),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inventory_count_line", x => x.id);
                    table.ForeignKey(
                        name: "fk_inventory_count_line_count_sheet_sheet_id",
                        column: x => x.sheet_id,
                        principalTable: "inventory_count_sheet",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "inventory_stock_move_line",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    move_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    lot_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    quantity = table.Column<long>(type: "INTEGER", nullable: false),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inventory_stock_move_line", x => x.id);
                    table.ForeignKey(
                        name: "fk_inventory_stock_move_line_inventory_stock_move_move_id",
                        column: x => x.move_id,
                        principalTable: "inventory_stock_move",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_inventory_category_valuation_company_id",
                table: "inventory_category_valuation",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_inventory_category_valuation_company_id_category",
                table: "inventory_category_valuation",
                columns: new[] { "company_id", "category" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_inventory_count_line_company_id",
                table: "inventory_count_line",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_inventory_count_line_sheet_id",
                table: "inventory_count_line",
                column: "sheet_id");

            migrationBuilder.CreateIndex(
                name: "ix_inventory_count_sheet_company_id",
                table: "inventory_count_sheet",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_inventory_count_sheet_company_id_number",
                table: "inventory_count_sheet",
                columns: new[] { "company_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_inventory_location_company_id",
                table: "inventory_location",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_inventory_location_company_id_path",
                table: "inventory_location",
                columns: new[] { "company_id", "path" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_inventory_location_company_id_warehouse_id",
                table: "inventory_location",
                columns: new[] { "company_id", "warehouse_id" });

            migrationBuilder.CreateIndex(
                name: "ix_inventory_lot_company_id",
                table: "inventory_lot",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_inventory_lot_company_id_product_id_number",
                table: "inventory_lot",
                columns: new[] { "company_id", "product_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_inventory_product_settings_company_id",
                table: "inventory_product_settings",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_inventory_product_settings_company_id_product_id",
                table: "inventory_product_settings",
                columns: new[] { "company_id", "product_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_inventory_product_valuation_company_id",
                table: "inventory_product_valuation",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_inventory_product_valuation_company_id_product_id",
                table: "inventory_product_valuation",
                columns: new[] { "company_id", "product_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_inventory_reorder_rule_company_id",
                table: "inventory_reorder_rule",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_inventory_reorder_rule_company_id_product_id_warehouse_id",
                table: "inventory_reorder_rule",
                columns: new[] { "company_id", "product_id", "warehouse_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_inventory_stock_level_company_id",
                table: "inventory_stock_level",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_inventory_stock_level_company_id_product_id_location_id",
                table: "inventory_stock_level",
                columns: new[] { "company_id", "product_id", "location_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_inventory_stock_level_company_id_warehouse_id_product_id",
                table: "inventory_stock_level",
                columns: new[] { "company_id", "warehouse_id", "product_id" });

            migrationBuilder.CreateIndex(
                name: "ix_inventory_stock_move_company_id",
                table: "inventory_stock_move",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_inventory_stock_move_company_id_number",
                table: "inventory_stock_move",
                columns: new[] { "company_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_inventory_stock_move_company_id_product_id_status_scheduled_date",
                table: "inventory_stock_move",
                columns: new[] { "company_id", "product_id", "status", "scheduled_date" });

            migrationBuilder.CreateIndex(
                name: "ix_inventory_stock_move_company_id_source_type_source_id",
                table: "inventory_stock_move",
                columns: new[] { "company_id", "source_type", "source_id" });

            migrationBuilder.CreateIndex(
                name: "ix_inventory_stock_move_company_id_status_kind_scheduled_date_id",
                table: "inventory_stock_move",
                columns: new[] { "company_id", "status", "kind", "scheduled_date", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_inventory_stock_move_line_company_id",
                table: "inventory_stock_move_line",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_inventory_stock_move_line_company_id_lot_id",
                table: "inventory_stock_move_line",
                columns: new[] { "company_id", "lot_id" });

            migrationBuilder.CreateIndex(
                name: "ix_inventory_stock_move_line_move_id",
                table: "inventory_stock_move_line",
                column: "move_id");

            migrationBuilder.CreateIndex(
                name: "ix_inventory_stock_quant_company_id",
                table: "inventory_stock_quant",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_inventory_stock_quant_company_id_location_id_product_id",
                table: "inventory_stock_quant",
                columns: new[] { "company_id", "location_id", "product_id" });

            migrationBuilder.CreateIndex(
                name: "ix_inventory_stock_quant_company_id_lot_id",
                table: "inventory_stock_quant",
                columns: new[] { "company_id", "lot_id" });

            migrationBuilder.CreateIndex(
                name: "ix_inventory_stock_quant_company_id_product_id_location_id_lot_id",
                table: "inventory_stock_quant",
                columns: new[] { "company_id", "product_id", "location_id", "lot_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_inventory_valuation_layer_company_id",
                table: "inventory_valuation_layer",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_inventory_valuation_layer_company_id_move_id",
                table: "inventory_valuation_layer",
                columns: new[] { "company_id", "move_id" });

            migrationBuilder.CreateIndex(
                name: "ix_inventory_valuation_layer_company_id_product_id_sequence",
                table: "inventory_valuation_layer",
                columns: new[] { "company_id", "product_id", "sequence" });

            migrationBuilder.CreateIndex(
                name: "ix_inventory_warehouse_company_id",
                table: "inventory_warehouse",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_inventory_warehouse_company_id_code",
                table: "inventory_warehouse",
                columns: new[] { "company_id", "code" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "inventory_category_valuation");

            migrationBuilder.DropTable(
                name: "inventory_count_line");

            migrationBuilder.DropTable(
                name: "inventory_location");

            migrationBuilder.DropTable(
                name: "inventory_lot");

            migrationBuilder.DropTable(
                name: "inventory_product_settings");

            migrationBuilder.DropTable(
                name: "inventory_product_valuation");

            migrationBuilder.DropTable(
                name: "inventory_reorder_rule");

            migrationBuilder.DropTable(
                name: "inventory_stock_level");

            migrationBuilder.DropTable(
                name: "inventory_stock_move_line");

            migrationBuilder.DropTable(
                name: "inventory_stock_quant");

            migrationBuilder.DropTable(
                name: "inventory_valuation_layer");

            migrationBuilder.DropTable(
                name: "inventory_warehouse");

            migrationBuilder.DropTable(
                name: "inventory_count_sheet");

            migrationBuilder.DropTable(
                name: "inventory_stock_move");
        }
    }
}
