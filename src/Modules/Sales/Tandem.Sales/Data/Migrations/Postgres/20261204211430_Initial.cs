using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tandem.Sales.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "sales");

            migrationBuilder.CreateTable(
                name: "credit_approval",
                schema: "sales",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    party_id = table.Column<Guid>(type: "uuid", nullable: false),
                    document_type = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    document_id = table.Column<Guid>(type: "uuid", nullable: false),
                    document_number = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    exposure = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    credit_limit = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: true),
                    overdue = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    requested_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    decided_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    note = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_credit_approval", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "customer",
                schema: "sales",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    party_id = table.Column<Guid>(type: "uuid", nullable: false),
                    price_list = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    warehouse_id = table.Column<Guid>(type: "uuid", nullable: true),
                    payment_term_id = table.Column<Guid>(type: "uuid", nullable: true),
                    credit_checks = table.Column<long>(type: "bigint", nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_customer", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "order_invoice",
                schema: "sales",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    order_id = table.Column<Guid>(type: "uuid", nullable: false),
                    invoice_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    kind = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    total = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    return_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_order_invoice", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "order_move",
                schema: "sales",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    order_id = table.Column<Guid>(type: "uuid", nullable: false),
                    line_id = table.Column<Guid>(type: "uuid", nullable: false),
                    move_id = table.Column<Guid>(type: "uuid", nullable: false),
                    move_number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    quantity = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    reserved = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    cost = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    done_date = table.Column<DateOnly>(type: "date", nullable: true),
                    lots = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    done_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_order_move", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "quote",
                schema: "sales",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    previous_id = table.Column<Guid>(type: "uuid", nullable: true),
                    party_id = table.Column<Guid>(type: "uuid", nullable: false),
                    account_id = table.Column<Guid>(type: "uuid", nullable: true),
                    opportunity_id = table.Column<Guid>(type: "uuid", nullable: true),
                    warehouse_id = table.Column<Guid>(type: "uuid", nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    quote_date = table.Column<DateOnly>(type: "date", nullable: false),
                    valid_until = table.Column<DateOnly>(type: "date", nullable: false),
                    notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    rejection_reason = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    untaxed = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    tax = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    total = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    ship_complete_date = table.Column<DateOnly>(type: "date", nullable: true),
                    order_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_quote", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "return_authorisation",
                schema: "sales",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    order_id = table.Column<Guid>(type: "uuid", nullable: false),
                    party_id = table.Column<Guid>(type: "uuid", nullable: false),
                    reason = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    status = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    received_date = table.Column<DateOnly>(type: "date", nullable: true),
                    credit_note_id = table.Column<Guid>(type: "uuid", nullable: true),
                    credit_note_number = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_return_authorisation", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sales_order",
                schema: "sales",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    party_id = table.Column<Guid>(type: "uuid", nullable: false),
                    account_id = table.Column<Guid>(type: "uuid", nullable: true),
                    opportunity_id = table.Column<Guid>(type: "uuid", nullable: true),
                    quote_id = table.Column<Guid>(type: "uuid", nullable: true),
                    quote_number = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    warehouse_id = table.Column<Guid>(type: "uuid", nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    order_date = table.Column<DateOnly>(type: "date", nullable: false),
                    promise_date = table.Column<DateOnly>(type: "date", nullable: true),
                    notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    untaxed = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    tax = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    total = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    invoiced_amount = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    confirmed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sales_order", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "quote_line",
                schema: "sales",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    quote_id = table.Column<Guid>(type: "uuid", nullable: false),
                    line_number = table.Column<int>(type: "integer", nullable: false),
                    product_id = table.Column<Guid>(type: "uuid", nullable: false),
                    is_service = table.Column<bool>(type: "boolean", nullable: false),
                    description = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    quantity = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    unit = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    unit_price = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    price_source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    discount_percent = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    net_unit_price = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    tax_id = table.Column<Guid>(type: "uuid", nullable: true),
                    tax_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    tax_rate = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    price_includes_tax = table.Column<bool>(type: "boolean", nullable: false),
                    net = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    tax_amount = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    gross = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    promise_date = table.Column<DateOnly>(type: "date", nullable: false),
                    promise_basis = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_quote_line", x => x.id);
                    table.ForeignKey(
                        name: "fk_quote_line_quote_quote_id",
                        column: x => x.quote_id,
                        principalSchema: "sales",
                        principalTable: "quote",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "return_line",
                schema: "sales",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    return_id = table.Column<Guid>(type: "uuid", nullable: false),
                    order_line_id = table.Column<Guid>(type: "uuid", nullable: false),
                    product_id = table.Column<Guid>(type: "uuid", nullable: false),
                    description = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    quantity = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    unit_cost = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    net_unit_price = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    tax_id = table.Column<Guid>(type: "uuid", nullable: true),
                    move_id = table.Column<Guid>(type: "uuid", nullable: true),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_return_line", x => x.id);
                    table.ForeignKey(
                        name: "fk_return_line_return_authorisation_return_id",
                        column: x => x.return_id,
                        principalSchema: "sales",
                        principalTable: "return_authorisation",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sales_order_line",
                schema: "sales",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    order_id = table.Column<Guid>(type: "uuid", nullable: false),
                    line_number = table.Column<int>(type: "integer", nullable: false),
                    product_id = table.Column<Guid>(type: "uuid", nullable: false),
                    is_service = table.Column<bool>(type: "boolean", nullable: false),
                    description = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    quantity = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    unit = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    unit_price = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    discount_percent = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    net_unit_price = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    tax_id = table.Column<Guid>(type: "uuid", nullable: true),
                    tax_rate = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    net = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    tax_amount = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    gross = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    promise_date = table.Column<DateOnly>(type: "date", nullable: false),
                    delivered = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    invoiced = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    returned = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    delivered_cost = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sales_order_line", x => x.id);
                    table.ForeignKey(
                        name: "fk_sales_order_line_sales_order_order_id",
                        column: x => x.order_id,
                        principalSchema: "sales",
                        principalTable: "sales_order",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_credit_approval_company_id",
                schema: "sales",
                table: "credit_approval",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_credit_approval_company_id_document_id",
                schema: "sales",
                table: "credit_approval",
                columns: new[] { "company_id", "document_id" });

            migrationBuilder.CreateIndex(
                name: "ix_credit_approval_company_id_status_requested_at",
                schema: "sales",
                table: "credit_approval",
                columns: new[] { "company_id", "status", "requested_at" });

            migrationBuilder.CreateIndex(
                name: "ix_customer_company_id",
                schema: "sales",
                table: "customer",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_customer_company_id_party_id",
                schema: "sales",
                table: "customer",
                columns: new[] { "company_id", "party_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_order_invoice_company_id",
                schema: "sales",
                table: "order_invoice",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_order_invoice_company_id_invoice_id",
                schema: "sales",
                table: "order_invoice",
                columns: new[] { "company_id", "invoice_id" });

            migrationBuilder.CreateIndex(
                name: "ix_order_invoice_company_id_order_id",
                schema: "sales",
                table: "order_invoice",
                columns: new[] { "company_id", "order_id" });

            migrationBuilder.CreateIndex(
                name: "ix_order_move_company_id",
                schema: "sales",
                table: "order_move",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_order_move_company_id_move_id",
                schema: "sales",
                table: "order_move",
                columns: new[] { "company_id", "move_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_order_move_company_id_order_id",
                schema: "sales",
                table: "order_move",
                columns: new[] { "company_id", "order_id" });

            migrationBuilder.CreateIndex(
                name: "ix_quote_company_id",
                schema: "sales",
                table: "quote",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_quote_company_id_number_revision",
                schema: "sales",
                table: "quote",
                columns: new[] { "company_id", "number", "revision" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_quote_company_id_opportunity_id",
                schema: "sales",
                table: "quote",
                columns: new[] { "company_id", "opportunity_id" });

            migrationBuilder.CreateIndex(
                name: "ix_quote_company_id_party_id_status",
                schema: "sales",
                table: "quote",
                columns: new[] { "company_id", "party_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_quote_company_id_quote_date_id",
                schema: "sales",
                table: "quote",
                columns: new[] { "company_id", "quote_date", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_quote_line_company_id",
                schema: "sales",
                table: "quote_line",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_quote_line_quote_id",
                schema: "sales",
                table: "quote_line",
                column: "quote_id");

            migrationBuilder.CreateIndex(
                name: "ix_return_authorisation_company_id",
                schema: "sales",
                table: "return_authorisation",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_return_authorisation_company_id_number",
                schema: "sales",
                table: "return_authorisation",
                columns: new[] { "company_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_return_authorisation_company_id_order_id",
                schema: "sales",
                table: "return_authorisation",
                columns: new[] { "company_id", "order_id" });

            migrationBuilder.CreateIndex(
                name: "ix_return_line_company_id",
                schema: "sales",
                table: "return_line",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_return_line_return_id",
                schema: "sales",
                table: "return_line",
                column: "return_id");

            migrationBuilder.CreateIndex(
                name: "ix_sales_order_company_id",
                schema: "sales",
                table: "sales_order",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_sales_order_company_id_number",
                schema: "sales",
                table: "sales_order",
                columns: new[] { "company_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sales_order_company_id_order_date_id",
                schema: "sales",
                table: "sales_order",
                columns: new[] { "company_id", "order_date", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_sales_order_company_id_party_id_status",
                schema: "sales",
                table: "sales_order",
                columns: new[] { "company_id", "party_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_sales_order_company_id_status_order_date_id",
                schema: "sales",
                table: "sales_order",
                columns: new[] { "company_id", "status", "order_date", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_sales_order_line_company_id",
                schema: "sales",
                table: "sales_order_line",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_sales_order_line_order_id",
                schema: "sales",
                table: "sales_order_line",
                column: "order_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "credit_approval",
                schema: "sales");

            migrationBuilder.DropTable(
                name: "customer",
                schema: "sales");

            migrationBuilder.DropTable(
                name: "order_invoice",
                schema: "sales");

            migrationBuilder.DropTable(
                name: "order_move",
                schema: "sales");

            migrationBuilder.DropTable(
                name: "quote_line",
                schema: "sales");

            migrationBuilder.DropTable(
                name: "return_line",
                schema: "sales");

            migrationBuilder.DropTable(
                name: "sales_order_line",
                schema: "sales");

            migrationBuilder.DropTable(
                name: "quote",
                schema: "sales");

            migrationBuilder.DropTable(
                name: "return_authorisation",
                schema: "sales");

            migrationBuilder.DropTable(
                name: "sales_order",
                schema: "sales");
        }
    }
}
