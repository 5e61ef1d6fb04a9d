using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tandem.Purchasing.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "purchasing_bill_match",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    bill_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    supplier_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    orders = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    posted = table.Column<bool>(type: "INTEGER", nullable: false),
                    matched_at = table.Column<long>(type: "INTEGER", nullable: false),
                    release_note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    released_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    released_at = table.Column<long>(type: "INTEGER", nullable: true),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_purchasing_bill_match", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "purchasing_purchase_order",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    supplier_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    warehouse_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    order_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    expected_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    reference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    total = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    confirmed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    approved_at = table.Column<long>(type: "INTEGER", nullable: true),
                    approved_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_purchasing_purchase_order", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "purchasing_receipt",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    order_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    supplier_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    warehouse_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    is_return = table.Column<bool>(type: "INTEGER", nullable: false),
                    return_of_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    note = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_purchasing_receipt", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "purchasing_settings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    approval_threshold = table.Column<long>(type: "INTEGER", nullable: false),
                    over_receipt_tolerance_percent = table.Column<long>(type: "INTEGER", nullable: false),
                    quantity_tolerance_percent = table.Column<long>(type: "INTEGER", nullable: false),
                    price_tolerance_percent = table.Column<long>(type: "INTEGER", nullable: false),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_purchasing_settings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "purchasing_supplier_price",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    supplier_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    product_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    min_quantity = table.Column<long>(type: "INTEGER", nullable: false),
                    unit_price = table.Column<long>(type: "INTEGER", nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    valid_from = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    valid_to = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_purchasing_supplier_price", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "purchasing_purchase_order_line",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    order_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    line_number = table.Column<int>(type: "INTEGER", nullable: false),
                    product_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    quantity = table.Column<long>(type: "INTEGER", nullable: false),
                    unit_price = table.Column<long>(type: "INTEGER", nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    received = table.Column<long>(type: "INTEGER", nullable: false),
                    billed = table.Column<long>(type: "INTEGER", nullable: false),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_purchasing_purchase_order_line", x => x.id);
                    table.ForeignKey(
                        name: "fk_purchasing_purchase_order_line_purchasing_purchase_order_order_id",
                        column: x => x.order_id,
                        principalTable: "purchasing_purchase_order",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "purchasing_receipt_line",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    receipt_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    order_line_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    product_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    quantity = table.Column<long>(type: "INTEGER", nullable: false),
                    move_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    move_number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    lots = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    return_of_line_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    returned = table.Column<long>(type: "INTEGER", nullable: false),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_purchasing_receipt_line", x => x.id);
                    table.ForeignKey(
                        name: "fk_purchasing_receipt_line_purchasing_receipt_receipt_id",
                        column: x => x.receipt_id,
                        principalTable: "purchasing_receipt",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_purchasing_bill_match_company_id",
                table: "purchasing_bill_match",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_purchasing_bill_match_company_id_bill_id",
                table: "purchasing_bill_match",
                columns: new[] { "company_id", "bill_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_purchasing_bill_match_company_id_status",
                table: "purchasing_bill_match",
                columns: new[] { "company_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_purchasing_purchase_order_company_id",
                table: "purchasing_purchase_order",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_purchasing_purchase_order_company_id_number",
                table: "purchasing_purchase_order",
                columns: new[] { "company_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_purchasing_purchase_order_company_id_order_date_id",
                table: "purchasing_purchase_order",
                columns: new[] { "company_id", "order_date", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_purchasing_purchase_order_company_id_status_order_date_id",
                table: "purchasing_purchase_order",
                columns: new[] { "company_id", "status", "order_date", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_purchasing_purchase_order_company_id_supplier_id",
                table: "purchasing_purchase_order",
                columns: new[] { "company_id", "supplier_id" });

            migrationBuilder.CreateIndex(
                name: "ix_purchasing_purchase_order_line_company_id",
                table: "purchasing_purchase_order_line",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_purchasing_purchase_order_line_company_id_product_id",
                table: "purchasing_purchase_order_line",
                columns: new[] { "company_id", "product_id" });

            migrationBuilder.CreateIndex(
                name: "ix_purchasing_purchase_order_line_order_id",
                table: "purchasing_purchase_order_line",
                column: "order_id");

            migrationBuilder.CreateIndex(
                name: "ix_purchasing_receipt_company_id",
                table: "purchasing_receipt",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_purchasing_receipt_company_id_number",
                table: "purchasing_receipt",
                columns: new[] { "company_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_purchasing_receipt_company_id_order_id",
                table: "purchasing_receipt",
                columns: new[] { "company_id", "order_id" });

            migrationBuilder.CreateIndex(
                name: "ix_purchasing_receipt_line_company_id",
                table: "purchasing_receipt_line",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_purchasing_receipt_line_company_id_order_line_id",
                table: "purchasing_receipt_line",
                columns: new[] { "company_id", "order_line_id" });

            migrationBuilder.CreateIndex(
                name: "ix_purchasing_receipt_line_receipt_id",
                table: "purchasing_receipt_line",
                column: "receipt_id");

            migrationBuilder.CreateIndex(
                name: "ix_purchasing_settings_company_id",
                table: "purchasing_settings",
                column: "company_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_purchasing_supplier_price_company_id",
                table: "purchasing_supplier_price",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_purchasing_supplier_price_company_id_product_id_supplier_id",
                table: "purchasing_supplier_price",
                columns: new[] { "company_id", "product_id", "supplier_id" });

            migrationBuilder.CreateIndex(
                name: "ix_purchasing_supplier_price_company_id_supplier_id",
                table: "purchasing_supplier_price",
                columns: new[] { "company_id", "supplier_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "purchasing_bill_match");

            migrationBuilder.DropTable(
                name: "purchasing_purchase_order_line");

            migrationBuilder.DropTable(
                name: "purchasing_receipt_line");

            migrationBuilder.DropTable(
                name: "purchasing_settings");

            migrationBuilder.DropTable(
                name: "purchasing_supplier_price");

            migrationBuilder.DropTable(
                name: "purchasing_purchase_order");

            migrationBuilder.DropTable(
                name: "purchasing_receipt");
        }
    }
}
