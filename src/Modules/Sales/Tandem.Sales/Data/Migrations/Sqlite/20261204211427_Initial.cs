using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tandem.Sales.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "sales_credit_approval",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    party_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    document_type = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    document_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    document_number = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    exposure = table.Column<long>(type: "INTEGER", nullable: false),
                    credit_limit = table.Column<long>(type: "INTEGER", nullable: true),
                    overdue = table.Column<long>(type: "INTEGER", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    requested_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    requested_at = table.Column<long>(type: "INTEGER", nullable: false),
                    decided_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    decided_at = table.Column<long>(type: "INTEGER", nullable: true),
                    note = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sales_credit_approval", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sales_customer",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    party_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    price_list = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    warehouse_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    payment_term_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    credit_checks = table.Column<long>(type: "INTEGER", nullable: false),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sales_customer", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sales_order",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    party_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    account_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    opportunity_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    quote_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    quote_number = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    warehouse_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    order_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    promise_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    untaxed = table.Column<long>(type: "INTEGER", nullable: false),
                    tax = table.Column<long>(type: "INTEGER", nullable: false),
                    total = table.Column<long>(type: "INTEGER", nullable: false),
                    invoiced_amount = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    confirmed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sales_order", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sales_order_invoice",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    order_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    invoice_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    number = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    total = table.Column<long>(type: "INTEGER", nullable: false),
                    return_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sales_order_invoice", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sales_order_move",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    order_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    line_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    move_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    move_number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    quantity = table.Column<long>(type: "INTEGER", nullable: false),
                    reserved = table.Column<long>(type: "INTEGER", nullable: false),
                    cost = table.Column<long>(type: "INTEGER", nullable: false),
                    done_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    lots = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    done_at = table.Column<long>(type: "INTEGER", nullable: true),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sales_order_move", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sales_quote",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    revision = table.Column<int>(type: "INTEGER", nullable: false),
                    previous_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    party_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    account_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    opportunity_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    warehouse_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    quote_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    valid_until = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    rejection_reason = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    untaxed = table.Column<long>(type: "INTEGER", nullable: false),
                    tax = table.Column<long>(type: "INTEGER", nullable: false),
                    total = table.Column<long>(type: "INTEGER", nullable: false),
                    ship_complete_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    order_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    sent_at = table.Column<long>(type: "INTEGER", nullable: true),
                    decided_at = table.Column<long>(type: "INTEGER", nullable: true),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sales_quote", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sales_return_authorisation",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    order_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    party_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    received_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    credit_note_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    credit_note_number = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sales_return_authorisation", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sales_order_line",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    order_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    line_number = table.Column<int>(type: "INTEGER", nullable: false),
                    product_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    is_service = table.Column<bool>(type: "INTEGER", nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    quantity = table.Column<long>(type: "INTEGER", nullable: false),
                    unit = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    unit_price = table.Column<long>(type: "INTEGER", nullable: false),
                    discount_percent = table.Column<long>(type: "INTEGER", nullable: false),
                    net_unit_price = table.Column<long>(type: "INTEGER", nullable: false),
                    tax_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    tax_rate = table.Column<long>(type: "INTEGER", nullable: false),
                    net = table.Column<long>(type: "INTEGER", nullable: false),
                    tax_amount = table.Column<long>(type: "INTEGER", nullable: false),
                    gross = table.Column<long>(type: "INTEGER", nullable: false),
                    promise_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    delivered = table.Column<long>(type: "INTEGER", nullable: false),
                    invoiced = table.Column<long>(type: "INTEGER", nullable: false),
                    returned = table.Column<long>(type: "INTEGER", nullable: false),
                    delivered_cost = table.Column<long>(type: "INTEGER", nullable: false),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sales_order_line", x => x.id);
                    table.ForeignKey(
                        name: "fk_sales_order_line_sales_order_order_id",
                        column: x => x.order_id,
                        principalTable: "sales_order",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sales_quote_line",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    quote_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    line_number = table.Column<int>(type: "INTEGER", nullable: false),
                    product_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    is_service = table.Column<bool>(type: "INTEGER", nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    quantity = table.Column<long>(type: "INTEGER", nullable: false),
                    unit = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    unit_price = table.Column<long>(type: "INTEGER", nullable: false),
                    price_source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    discount_percent = table.Column<long>(type: "INTEGER", nullable: false),
                    net_unit_price = table.Column<long>(type: "INTEGER", nullable: false),
                    tax_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    tax_code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    tax_rate = table.Column<long>(type: "INTEGER", nullable: false),
                    price_includes_tax = table.Column<bool>(type: "INTEGER", nullable: false),
                    net = table.Column<long>(type: "INTEGER", nullable: false),
                    tax_amount = table.Column<long>(type: "INTEGER", nullable: false),
                    gross = table.Column<long>(type: "INTEGER", nullable: false),
                    promise_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    promise_basis = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sales_quote_line", x => x.id);
                    table.ForeignKey(
                        name: "fk_sales_quote_line_sales_quote_quote_id",
                        column: x => x.quote_id,
                        principalTable: "sales_quote",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sales_return_line",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    return_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    order_line_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    product_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    quantity = table.Column<long>(type: "INTEGER", nullable: false),
                    unit_cost = table.Column<long>(type: "INTEGER", nullable: false),
                    net_unit_price = table.Column<long>(type: "INTEGER", nullable: false),
                    tax_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    move_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sales_return_line", x => x.id);
                    table.ForeignKey(
                        name: "fk_sales_return_line_sales_return_authorisation_return_id",
                        column: x => x.return_id,
                        principalTable: "sales_return_authorisation",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_sales_credit_approval_company_id",
                table: "sales_credit_approval",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_sales_credit_approval_company_id_document_id",
                table: "sales_credit_approval",
                columns: new[] { "company_id", "document_id" });

            migrationBuilder.CreateIndex(
                name: "ix_sales_credit_approval_company_id_status_requested_at",
                table: "sales_credit_approval",
                columns: new[] { "company_id", "status", "requested_at" });

            migrationBuilder.CreateIndex(
                name: "ix_sales_customer_company_id",
                table: "sales_customer",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_sales_customer_company_id_party_id",
                table: "sales_customer",
                columns: new[] { "company_id", "party_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sales_order_company_id",
                table: "sales_order",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_sales_order_company_id_number",
                table: "sales_order",
                columns: new[] { "company_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sales_order_company_id_order_date_id",
                table: "sales_order",
                columns: new[] { "company_id", "order_date", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_sales_order_company_id_party_id_status",
                table: "sales_order",
                columns: new[] { "company_id", "party_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_sales_order_company_id_status_order_date_id",
                table: "sales_order",
                columns: new[] { "company_id", "status", "order_date", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_sales_order_invoice_company_id",
                table: "sales_order_invoice",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_sales_order_invoice_company_id_invoice_id",
                table: "sales_order_invoice",
                columns: new[] { "company_id", "invoice_id" });

            migrationBuilder.CreateIndex(
                name: "ix_sales_order_invoice_company_id_order_id",
                table: "sales_order_invoice",
                columns: new[] { "company_id", "order_id" });

            migrationBuilder.CreateIndex(
                name: "ix_sales_order_line_company_id",
                table: "sales_order_line",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_sales_order_line_order_id",
                table: "sales_order_line",
                column: "order_id");

            migrationBuilder.CreateIndex(
                name: "ix_sales_order_move_company_id",
                table: "sales_order_move",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_sales_order_move_company_id_move_id",
                table: "sales_order_move",
                columns: new[] { "company_id", "move_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sales_order_move_company_id_order_id",
                table: "sales_order_move",
                columns: new[] { "company_id", "order_id" });

            migrationBuilder.CreateIndex(
                name: "ix_sales_quote_company_id",
                table: "sales_quote",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_sales_quote_company_id_number_revision",
                table: "sales_quote",
                columns: new[] { "company_id", "number", "revision" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sales_quote_company_id_opportunity_id",
                table: "sales_quote",
                columns: new[] { "company_id", "opportunity_id" });

            migrationBuilder.CreateIndex(
                name: "ix_sales_quote_company_id_party_id_status",
                table: "sales_quote",
                columns: new[] { "company_id", "party_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_sales_quote_company_id_quote_date_id",
                table: "sales_quote",
                columns: new[] { "company_id", "quote_date", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_sales_quote_line_company_id",
                table: "sales_quote_line",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_sales_quote_line_quote_id",
                table: "sales_quote_line",
                column: "quote_id");

            migrationBuilder.CreateIndex(
                name: "ix_sales_return_authorisation_company_id",
                table: "sales_return_authorisation",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_sales_return_authorisation_company_id_number",
                table: "sales_return_authorisation",
                columns: new[] { "company_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sales_return_authorisation_company_id_order_id",
                table: "sales_return_authorisation",
                columns: new[] { "company_id", "order_id" });

            migrationBuilder.CreateIndex(
                name: "ix_sales_return_line_company_id",
                table: "sales_return_line",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_sales_return_line_return_id",
                table: "sales_return_line",
                column: "return_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sales_credit_approval");

            migrationBuilder.DropTable(
                name: "sales_customer");

            migrationBuilder.DropTable(
                name: "sales_order_invoice");

            migrationBuilder.DropTable(
                name: "sales_order_line");

            migrationBuilder.DropTable(
                name: "sales_order_move");

            migrationBuilder.DropTable(
                name: "sales_quote_line");

            migrationBuilder.DropTable(
                name: "sales_return_line");

            migrationBuilder.DropTable(
                name: "sales_order");

            migrationBuilder.DropTable(
                name: "sales_quote");

            migrationBuilder.DropTable(
                name: "sales_return_authorisation");
        }
    }
}
