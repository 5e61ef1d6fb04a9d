using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tandem.Accounting.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "accounting");

            migrationBuilder.CreateTable(
                name: "account",
                schema: "accounting",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    role = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    parent_id = table.Column<Guid>(type: "uuid", nullable: true),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_account", x => x.id);
                    table.ForeignKey(
                        name: "fk_account_account_parent_id",
                        column: x => x.parent_id,
                        principalSchema: "accounting",
                        principalTable: "account",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "account_balance",
                schema: "accounting",
                columns: table => new
                {
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    period = table.Column<int>(type: "integer", nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    party_id = table.Column<Guid>(type: "uuid", nullable: false),
                    debit = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    credit = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_account_balance", x => new { x.company_id, x.account_id, x.period, x.currency, x.party_id });
                });

            migrationBuilder.CreateTable(
                name: "budget",
                schema: "accounting",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    period = table.Column<int>(type: "integer", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_budget", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "credit_limit",
                schema: "accounting",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    party_id = table.Column<Guid>(type: "uuid", nullable: false),
                    limit = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_credit_limit", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "exchange_rate",
                schema: "accounting",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    rate = table.Column<decimal>(type: "numeric(28,8)", precision: 28, scale: 8, nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_exchange_rate", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "fiscal_period",
                schema: "accounting",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    fiscal_year = table.Column<int>(type: "integer", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    start_date = table.Column<DateOnly>(type: "date", nullable: false),
                    end_date = table.Column<DateOnly>(type: "date", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fiscal_period", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "invoice",
                schema: "accounting",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    party_id = table.Column<Guid>(type: "uuid", nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    payment_term_id = table.Column<Guid>(type: "uuid", nullable: true),
                    reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    untaxed = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    tax_total = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    total = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    rate = table.Column<decimal>(type: "numeric(28,8)", precision: 28, scale: 8, nullable: false),
                    journal_entry_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_invoice", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "journal_entry",
                schema: "accounting",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    description = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    company_currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    is_closing = table.Column<bool>(type: "boolean", nullable: false),
                    reversal_of_id = table.Column<Guid>(type: "uuid", nullable: true),
                    reversed_by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    posted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_journal_entry", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "open_item",
                schema: "accounting",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    party_id = table.Column<Guid>(type: "uuid", nullable: false),
                    account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    is_receivable = table.Column<bool>(type: "boolean", nullable: false),
                    invoice_id = table.Column<Guid>(type: "uuid", nullable: true),
                    payment_id = table.Column<Guid>(type: "uuid", nullable: true),
                    document_number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    instalment = table.Column<int>(type: "integer", nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    due_date = table.Column<DateOnly>(type: "date", nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    company_amount = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    open_amount = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    open_company_amount = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_open_item", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "payment",
                schema: "accounting",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    direction = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    party_id = table.Column<Guid>(type: "uuid", nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    rate = table.Column<decimal>(type: "numeric(28,8)", precision: 28, scale: 8, nullable: false),
                    bank_account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    write_off = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    on_account = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    exchange_difference = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    journal_entry_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payment", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "payment_term",
                schema: "accounting",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    instalments = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payment_term", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "settings",
                schema: "accounting",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    write_off_tolerance = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    write_off_account_id = table.Column<Guid>(type: "uuid", nullable: true),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_settings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "tax",
                schema: "accounting",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    rate = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    price_includes_tax = table.Column<bool>(type: "boolean", nullable: false),
                    sales_account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    purchase_account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tax", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "invoice_line",
                schema: "accounting",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    invoice_id = table.Column<Guid>(type: "uuid", nullable: false),
                    line_number = table.Column<int>(type: "integer", nullable: false),
                    description = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    quantity = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    unit_price = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tax_id = table.Column<Guid>(type: "uuid", nullable: true),
                    @base = table.Column<decimal>(name: "base", type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    tax_amount = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_invoice_line", x => x.id);
                    table.ForeignKey(
                        name: "fk_invoice_line_account_account_id",
                        column: x => x.account_id,
                        principalSchema: "accounting",
                        principalTable: "account",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_invoice_line_invoice_invoice_id",
                        column: x => x.invoice_id,
                        principalSchema: "accounting",
                        principalTable: "invoice",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "journal_line",
                schema: "accounting",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    entry_id = table.Column<Guid>(type: "uuid", nullable: false),
                    line_number = table.Column<int>(type: "integer", nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    period = table.Column<int>(type: "integer", nullable: false),
                    account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    debit = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    credit = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    party_id = table.Column<Guid>(type: "uuid", nullable: true),
                    dimension = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    description = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    is_posted = table.Column<bool>(type: "boolean", nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_journal_line", x => x.id);
                    table.ForeignKey(
                        name: "fk_journal_line_account_account_id",
                        column: x => x.account_id,
                        principalSchema: "accounting",
                        principalTable: "account",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_journal_line_journal_entry_entry_id",
                        column: x => x.entry_id,
                        principalSchema: "accounting",
                        principalTable: "journal_entry",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "payment_allocation",
                schema: "accounting",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    payment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    open_item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    invoice_id = table.Column<Guid>(type: "uuid", nullable: true),
                    document_number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    company_amount = table.Column<decimal>(type: "numeric(28,4)", precision: 28, scale: 4, nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payment_allocation", x => x.id);
                    table.ForeignKey(
                        name: "fk_payment_allocation_payment_payment_id",
                        column: x => x.payment_id,
                        principalSchema: "accounting",
                        principalTable: "payment",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_account_company_id",
                schema: "accounting",
                table: "account",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_account_company_id_code",
                schema: "accounting",
                table: "account",
                columns: new[] { "company_id", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_account_parent_id",
                schema: "accounting",
                table: "account",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_account_balance_company_id_period",
                schema: "accounting",
                table: "account_balance",
                columns: new[] { "company_id", "period" });

            migrationBuilder.CreateIndex(
                name: "ix_budget_company_id",
                schema: "accounting",
                table: "budget",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_budget_company_id_account_id_period",
                schema: "accounting",
                table: "budget",
                columns: new[] { "company_id", "account_id", "period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_budget_company_id_period",
                schema: "accounting",
                table: "budget",
                columns: new[] { "company_id", "period" });

            migrationBuilder.CreateIndex(
                name: "ix_credit_limit_company_id",
                schema: "accounting",
                table: "credit_limit",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_credit_limit_company_id_party_id",
                schema: "accounting",
                table: "credit_limit",
                columns: new[] { "company_id", "party_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_exchange_rate_company_id",
                schema: "accounting",
                table: "exchange_rate",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_exchange_rate_company_id_currency_date",
                schema: "accounting",
                table: "exchange_rate",
                columns: new[] { "company_id", "currency", "date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_fiscal_period_company_id",
                schema: "accounting",
                table: "fiscal_period",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_fiscal_period_company_id_fiscal_year_number",
                schema: "accounting",
                table: "fiscal_period",
                columns: new[] { "company_id", "fiscal_year", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_fiscal_period_company_id_start_date",
                schema: "accounting",
                table: "fiscal_period",
                columns: new[] { "company_id", "start_date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_invoice_company_id",
                schema: "accounting",
                table: "invoice",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_invoice_company_id_date_id",
                schema: "accounting",
                table: "invoice",
                columns: new[] { "company_id", "date", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_invoice_company_id_number",
                schema: "accounting",
                table: "invoice",
                columns: new[] { "company_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_invoice_company_id_party_id",
                schema: "accounting",
                table: "invoice",
                columns: new[] { "company_id", "party_id" });

            migrationBuilder.CreateIndex(
                name: "ix_invoice_line_account_id",
                schema: "accounting",
                table: "invoice_line",
                column: "account_id");

            migrationBuilder.CreateIndex(
                name: "ix_invoice_line_company_id",
                schema: "accounting",
                table: "invoice_line",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_invoice_line_invoice_id",
                schema: "accounting",
                table: "invoice_line",
                column: "invoice_id");

            migrationBuilder.CreateIndex(
                name: "ix_journal_entry_company_id",
                schema: "accounting",
                table: "journal_entry",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_journal_entry_company_id_date_id",
                schema: "accounting",
                table: "journal_entry",
                columns: new[] { "company_id", "date", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_journal_entry_company_id_number",
                schema: "accounting",
                table: "journal_entry",
                columns: new[] { "company_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_journal_line_account_id",
                schema: "accounting",
                table: "journal_line",
                column: "account_id");

            migrationBuilder.CreateIndex(
                name: "ix_journal_line_company_id",
                schema: "accounting",
                table: "journal_line",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_journal_line_company_id_account_id_is_posted_date",
                schema: "accounting",
                table: "journal_line",
                columns: new[] { "company_id", "account_id", "is_posted", "date" });

            migrationBuilder.CreateIndex(
                name: "ix_journal_line_company_id_party_id",
                schema: "accounting",
                table: "journal_line",
                columns: new[] { "company_id", "party_id" });

            migrationBuilder.CreateIndex(
                name: "ix_journal_line_company_id_period_date",
                schema: "accounting",
                table: "journal_line",
                columns: new[] { "company_id", "period", "date" });

            migrationBuilder.CreateIndex(
                name: "ix_journal_line_entry_id",
                schema: "accounting",
                table: "journal_line",
                column: "entry_id");

            migrationBuilder.CreateIndex(
                name: "ix_open_item_company_id",
                schema: "accounting",
                table: "open_item",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_open_item_company_id_invoice_id",
                schema: "accounting",
                table: "open_item",
                columns: new[] { "company_id", "invoice_id" });

            migrationBuilder.CreateIndex(
                name: "ix_open_item_company_id_is_receivable_party_id_due_date",
                schema: "accounting",
                table: "open_item",
                columns: new[] { "company_id", "is_receivable", "party_id", "due_date" });

            migrationBuilder.CreateIndex(
                name: "ix_payment_company_id",
                schema: "accounting",
                table: "payment",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_payment_company_id_date_id",
                schema: "accounting",
                table: "payment",
                columns: new[] { "company_id", "date", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_payment_company_id_number",
                schema: "accounting",
                table: "payment",
                columns: new[] { "company_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_payment_allocation_company_id",
                schema: "accounting",
                table: "payment_allocation",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_payment_allocation_company_id_invoice_id",
                schema: "accounting",
                table: "payment_allocation",
                columns: new[] { "company_id", "invoice_id" });

            migrationBuilder.CreateIndex(
                name: "ix_payment_allocation_payment_id",
                schema: "accounting",
                table: "payment_allocation",
                column: "payment_id");

            migrationBuilder.CreateIndex(
                name: "ix_payment_term_company_id",
                schema: "accounting",
                table: "payment_term",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_payment_term_company_id_code",
                schema: "accounting",
                table: "payment_term",
                columns: new[] { "company_id", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_settings_company_id",
                schema: "accounting",
                table: "settings",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_tax_company_id",
                schema: "accounting",
                table: "tax",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_tax_company_id_code",
                schema: "accounting",
                table: "tax",
                columns: new[] { "company_id", "code" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "account_balance",
                schema: "accounting");

            migrationBuilder.DropTable(
                name: "budget",
                schema: "accounting");

            migrationBuilder.DropTable(
                name: "credit_limit",
                schema: "accounting");

            migrationBuilder.DropTable(
                name: "exchange_rate",
                schema: "accounting");

            migrationBuilder.DropTable(
                name: "fiscal_period",
                schema: "accounting");

            migrationBuilder.DropTable(
                name: "invoice_line",
                schema: "accounting");

            migrationBuilder.DropTable(
                name: "journal_line",
                schema: "accounting");

            migrationBuilder.DropTable(
                name: "open_item",
                schema: "accounting");

            migrationBuilder.DropTable(
                name: "payment_allocation",
                schema: "accounting");

            migrationBuilder.DropTable(
                name: "payment_term",
                schema: "accounting");

            migrationBuilder.DropTable(
                name: "settings",
                schema: "accounting");

            migrationBuilder.DropTable(
                name: "tax",
                schema: "accounting");

            migrationBuilder.DropTable(
                name: "invoice",
                schema: "accounting");

            migrationBuilder.DropTable(
                name: "account",
                schema: "accounting");

            migrationBuilder.DropTable(
                name: "journal_entry",
                schema: "accounting");

            migrationBuilder.DropTable(
                name: "payment",
                schema: "accounting");
        }
    }
}
