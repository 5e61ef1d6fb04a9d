using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tandem.Purchasing.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "purchasing");

            migrationBuilder.CreateTable(
                name: "bill_match",
                schema: "purchasing",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    bill_id = table.Column<Guid>(type: "uuid", nullable: false),
                    supplier_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    reason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    orders = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    posted = table.Column<bool>(type: "boolean", nullable: false),
                    matched_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    release_note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    released_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    released_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bill_match", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "purchase_order",
                schema: "purchasing",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    supplier_id = table.Column<Guid>(type: "uuid", nullable: false),
                    warehouse_id = table.Column<Guid>(type: "uuid", nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    order_date = table.Column<DateOnly>(type: "date", nullable: false),
                    expected_date = table.Column<DateOnly>(type: "date", nullable: false),
                    reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    total = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    confirmed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    approved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    approved_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_purchase_order", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "receipt",
                schema: "purchasing",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    order_id = table.Column<Guid>(type: "uuid", nullable: false),
                    supplier_id = table.Column<Guid>(type: "uuid", nullable: false),
                    warehouse_id = table.Column<Guid>(type: "uuid", nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    is_return = table.Column<bool>(type: "boolean", nullable: false),
                    return_of_id = table.Column<Guid>(type: "uuid", nullable: true),
                    note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_receipt", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "settings",
                schema: "purchasing",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    approval_threshold = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    over_receipt_tolerance_percent = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    quantity_tolerance_percent = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    price_tolerance_percent = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_settings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "supplier_price",
                schema: "purchasing",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    supplier_id = table.Column<Guid>(type: "uuid", nullable: false),
                    product_id = table.Column<Guid>(type: "uuid", nullable: false),
                    min_quantity = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    unit_price = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    valid_from = table.Column<DateOnly>(type: "date", nullable: true),
                    valid_to = table.Column<DateOnly>(type: "date", nullable: true),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_supplier_price", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "purchase_order_line",
                schema: "purchasing",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    order_id = table.Column<Guid>(type: "uuid", nullable: false),
                    line_number = table.Column<int>(type: "integer", nullable: false),
                    product_id = table.Column<Guid>(type: "uuid", nullable: false),
                    description = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    quantity = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    unit_price = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    received = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    billed = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_purchase_order_line", x => x.id);
                    table.ForeignKey(
                        name: "fk_purchase_order_line_purchase_order_order_id",
                        column: x => x.order_id,
                        principalSchema: "purchasing",
                        principalTable: "purchase_order",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "receipt_line",
                schema: "purchasing",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    receipt_id = table.Column<Guid>(type: "uuid", nullable: false),
                    order_line_id = table.Column<Guid>(type: "uuid", nullable: false),
                    product_id = table.Column<Guid>(type: "uuid", nullable: false),
                    quantity = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    move_id = table.Column<Guid>(type: "uuid", nullable: false),
                    move_number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    lots = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    return_of_line_id = table.Column<Guid>(type: "uuid", nullable: true),
                    returned = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_receipt_line", x => x.id);
                    table.ForeignKey(
                        name: "fk_receipt_line_receipt_receipt_id",
                        column: x => x.receipt_id,
                        principalSchema: "purchasing",
                        principalTable: "receipt",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_bill_match_company_id",
                schema: "purchasing",
                table: "bill_match",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_bill_match_company_id_bill_id",
                schema: "purchasing",
                table: "bill_match",
                columns: new[] { "company_id", "bill_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_bill_match_company_id_status",
                schema: "purchasing",
                table: "bill_match",
                columns: new[] { "company_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_purchase_order_company_id",
                schema: "purchasing",
                table: "purchase_order",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_purchase_order_company_id_number",
                schema: "purchasing",
                table: "purchase_order",
                columns: new[] { "company_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_purchase_order_company_id_order_date_id",
                schema: "purchasing",
                table: "purchase_order",
                columns: new[] { "company_id", "order_date", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_purchase_order_company_id_status_order_date_id",
                schema: "purchasing",
                table: "purchase_order",
                columns: new[] { "company_id", "status", "order_date", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_purchase_order_company_id_supplier_id",
                schema: "purchasing",
                table: "purchase_order",
                columns: new[] { "company_id", "supplier_id" });

            migrationBuilder.CreateIndex(
                name: "ix_purchase_order_line_company_id",
                schema: "purchasing",
                table: "purchase_order_line",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_purchase_order_line_company_id_product_id",
                schema: "purchasing",
                table: "purchase_order_line",
                columns: new[] { "company_id", "product_id" });

            migrationBuilder.CreateIndex(
                name: "ix_purchase_order_line_order_id",
                schema: "purchasing",
                table: "purchase_order_line",
                column: "order_id");

            migrationBuilder.CreateIndex(
                name: "ix_receipt_company_id",
                schema: "purchasing",
                table: "receipt",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_receipt_company_id_number",
                schema: "purchasing",
                table: "receipt",
                columns: new[] { "company_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_receipt_company_id_order_id",
                schema: "purchasing",
                table: "receipt",
                columns: new[] { "company_id", "order_id" });

            migrationBuilder.CreateIndex(
                name: "ix_receipt_line_company_id",
                schema: "purchasing",
                table: "receipt_line",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_receipt_line_company_id_order_line_id",
                schema: "purchasing",
                table: "receipt_line",
                columns: new[] { "company_id", "order_line_id" });

            migrationBuilder.CreateIndex(
                name: "ix_receipt_line_receipt_id",
                schema: "purchasing",
                table: "receipt_line",
                column: "receipt_id");

            migrationBuilder.CreateIndex(
                name: "ix_settings_company_id",
                schema: "purchasing",
                table: "settings",
                column: "company_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_supplier_price_company_id",
                schema: "purchasing",
                table: "supplier_price",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_supplier_price_company_id_product_id_supplier_id",
                schema: "purchasing",
                table: "supplier_price",
                columns: new[] { "company_id", "product_id", "supplier_id" });

            migrationBuilder.CreateIndex(
                name: "ix_supplier_price_company_id_supplier_id",
                schema: "purchasing",
                table: "supplier_price",
                columns: new[] { "company_id", "supplier_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "bill_match",
                schema: "purchasing");

            migrationBuilder.DropTable(
                name: "purchase_order_line",
                schema: "purchasing");

            migrationBuilder.DropTable(
                name: "receipt_line",
                schema: "purchasing");

            migrationBuilder.DropTable(
                name: "settings",
                schema: "purchasing");

            migrationBuilder.DropTable(
                name: "supplier_price",
                schema: "purchasing");

            migrationBuilder.DropTable(
                name: "purchase_order",
                schema: "purchasing");

            migrationBuilder.DropTable(
                name: "receipt",
                schema: "purchasing");
        }
    }
}
