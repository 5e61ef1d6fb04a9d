using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tandem.Accounting.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "accounting_account",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    role = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    parent_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    is_active = table.Column<bool>(type: "INTEGER", nullable: false),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_accounting_account", x => x.id);
                    table.ForeignKey(
                        name: "fk_accounting_account_accounting_account_parent_id",
                        column: x => x.parent_id,
                        principalTable: "accounting_account",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "accounting_account_balance",
                columns: table => new
                {
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    account_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    period = table.Column<int>(type: "INTEGER", nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    party_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    debit = table.Column<long>(type: "INTEGER", nullable: false),
                    credit = table.Column<long>(type: "INTEGER", nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_accounting_account_balance", x => new { x.company_id, x.account_id, x.period, x.currency, x.party_id });
                });

            migrationBuilder.CreateTable(
                name: "accounting_budget",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    account_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    period = table.Column<int>(type: "INTEGER", nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_accounting_budget", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "accounting_credit_limit",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    party_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    limit = table.Column<long>(type: "INTEGER", nullable: false),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_accounting_credit_limit", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "accounting_exchange_rate",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    rate = table.Column<long>(type: "INTEGER", precision: 28, scale: 8, nullable: false),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_accounting_exchange_rate", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "accounting_fiscal_period",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    fiscal_year = table.Column<int>(type: "INTEGER", nullable: false),
                    number = table.Column<int>(type: "INTEGER", nullable: false),
                    start_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    end_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_accounting_fiscal_period", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "accounting_invoice",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    party_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    payment_term_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    reference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    untaxed = table.Column<long>(type: "INTEGER", nullable: false),
                    tax_total = table.Column<long>(type: "INTEGER", nullable: false),
                    total = table.Column<long>(type: "INTEGER", nullable: false),
                    rate = table.Column<long>(type: "INTEGER", precision: 28, scale: 8, nullable: false),
                    journal_entry_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_accounting_invoice", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "accounting_journal_entry",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    reference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    company_currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    is_closing = table.Column<bool>(type: "INTEGER", nullable: false),
                    reversal_of_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    reversed_by_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    posted_at = table.Column<long>(type: "INTEGER", nullable: true),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_accounting_journal_entry", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "accounting_open_item",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    party_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    account_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    is_receivable = table.Column<bool>(type: "INTEGER", nullable: false),
                    invoice_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    payment_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    document_number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    instalment = table.Column<int>(type: "INTEGER", nullable: false),
                    date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    due_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    company_amount = table.Column<long>(type: "INTEGER", nullable: false),
                    open_amount = table.Column<long>(type: "INTEGER", nullable: false),
                    open_company_amount = table.Column<long>(type: "INTEGER", nullable: false),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_accounting_open_item", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "accounting_payment",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    direction = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    party_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    rate = table.Column<long>(type: "INTEGER", precision: 28, scale: 8, nullable: false),
                    bank_account_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    reference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    write_off = table.Column<long>(type: "INTEGER", nullable: false),
                    on_account = table.Column<long>(type: "INTEGER", nullable: false),
                    exchange_difference = table.Column<long>(type: "INTEGER", nullable: false),
                    journal_entry_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_accounting_payment", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "accounting_payment_term",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    instalments = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_accounting_payment_term", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "accounting_settings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    write_off_tolerance = table.Column<long>(type: "INTEGER", nullable: false),
                    write_off_account_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_accounting_settings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "accounting_tax",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    rate = table.Column<long>(type: "INTEGER", nullable: false),
                    price_includes_tax = table.Column<bool>(type: "INTEGER", nullable: false),
                    sales_account_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    purchase_account_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_accounting_tax", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "accounting_invoice_line",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    invoice_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    line_number = table.Column<int>(type: "INTEGER", nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    quantity = table.Column<long>(type: "INTEGER", nullable: false),
                    unit_price = table.Column<long>(type: "INTEGER", nullable: false),
                    account_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tax_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    @base = table.Column<long>(name: "base", type: "INTEGER", nullable: false),
                    tax_amount = table.Column<long>(type: "INTEGER", nullable: false),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_accounting_invoice_line", x => x.id);
                    table.ForeignKey(
                        name: "fk_accounting_invoice_line_accounting_account_account_id",
                        column: x => x.account_id,
                        principalTable: "accounting_account",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_accounting_invoice_line_accounting_invoice_invoice_id",
                        column: x => x.invoice_id,
                        principalTable: "accounting_invoice",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "accounting_journal_line",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    entry_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    line_number = table.Column<int>(type: "INTEGER", nullable: false),
                    date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    period = table.Column<int>(type: "INTEGER", nullable: false),
                    account_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    debit = table.Column<long>(type: "INTEGER", nullable: false),
                    credit = table.Column<long>(type: "INTEGER", nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    party_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    dimension = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    description = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    is_posted = table.Column<bool>(type: "INTEGER", nullable: false),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_accounting_journal_line", x => x.id);
                    table.ForeignKey(
                        name: "fk_accounting_journal_line_accounting_account_account_id",
                        column: x => x.account_id,
                        principalTable: "accounting_account",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_accounting_journal_line_accounting_journal_entry_entry_id",
                        column: x => x.entry_id,
                        principalTable: "accounting_journal_entry",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "accounting_payment_allocation",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    payment_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    open_item_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    invoice_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    document_number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    company_amount = table.Column<long>(type: "INTEGER", nullable: false),
                    company_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_accounting_payment_allocation", x => x.id);
                    table.ForeignKey(
                        name: "fk_accounting_payment_allocation_accounting_payment_payment_id",
                        column: x => x.payment_id,
                        principalTable: "accounting_payment",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_accounting_account_company_id",
                table: "accounting_account",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_accounting_account_company_id_code",
                table: "accounting_account",
                columns: new[] { "company_id", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_accounting_account_parent_id",
                table: "accounting_account",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_accounting_account_balance_company_id_period",
                table: "accounting_account_balance",
                columns: new[] { "company_id", "period" });

            migrationBuilder.CreateIndex(
                name: "ix_accounting_budget_company_id",
                table: "accounting_budget",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_accounting_budget_company_id_account_id_period",
                table: "accounting_budget",
                columns: new[] { "company_id", "account_id", "period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_accounting_budget_company_id_period",
                table: "accounting_budget",
                columns: new[] { "company_id", "period" });

            migrationBuilder.CreateIndex(
                name: "ix_accounting_credit_limit_company_id",
                table: "accounting_credit_limit",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_accounting_credit_limit_company_id_party_id",
                table: "accounting_credit_limit",
                columns: new[] { "company_id", "party_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_accounting_exchange_rate_company_id",
                table: "accounting_exchange_rate",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_accounting_exchange_rate_company_id_currency_date",
                table: "accounting_exchange_rate",
                columns: new[] { "company_id", "currency", "date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_accounting_fiscal_period_company_id",
                table: "accounting_fiscal_period",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_accounting_fiscal_period_company_id_fiscal_year_number",
                table: "accounting_fiscal_period",
                columns: new[] { "company_id", "fiscal_year", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_accounting_fiscal_period_company_id_start_date",
                table: "accounting_fiscal_period",
                columns: new[] { "company_id", "start_date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_accounting_invoice_company_id",
                table: "accounting_invoice",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_accounting_invoice_company_id_date_id",
                table: "accounting_invoice",
                columns: new[] { "company_id", "date", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_accounting_invoice_company_id_number",
                table: "accounting_invoice",
                columns: new[] { "company_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_accounting_invoice_company_id_party_id",
                table: "accounting_invoice",
                columns: new[] { "company_id", "party_id" });

            migrationBuilder.CreateIndex(
                name: "ix_accounting_invoice_line_account_id",
                table: "accounting_invoice_line",
                column: "account_id");

            migrationBuilder.CreateIndex(
                name: "ix_accounting_invoice_line_company_id",
                table: "accounting_invoice_line",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_accounting_invoice_line_invoice_id",
                table: "accounting_invoice_line",
                column: "invoice_id");

            migrationBuilder.CreateIndex(
                name: "ix_accounting_journal_entry_company_id",
                table: "accounting_journal_entry",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_accounting_journal_entry_company_id_date_id",
                table: "accounting_journal_entry",
                columns: new[] { "company_id", "date", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_accounting_journal_entry_company_id_number",
                table: "accounting_journal_entry",
                columns: new[] { "company_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_accounting_journal_line_account_id",
                table: "accounting_journal_line",
                column: "account_id");

            migrationBuilder.CreateIndex(
                name: "ix_accounting_journal_line_company_id",
                table: "accounting_journal_line",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_accounting_journal_line_company_id_account_id_is_posted_date",
                table: "accounting_journal_line",
                columns: new[] { "company_id", "account_id", "is_posted", "date" });

            migrationBuilder.CreateIndex(
                name: "ix_accounting_journal_line_company_id_party_id",
                table: "accounting_journal_line",
                columns: new[] { "company_id", "party_id" });

            migrationBuilder.CreateIndex(
                name: "ix_accounting_journal_line_company_id_period_date",
                table: "accounting_journal_line",
                columns: new[] { "company_id", "period", "date" });

            migrationBuilder.CreateIndex(
                name: "ix_accounting_journal_line_entry_id",
                table: "accounting_journal_line",
                column: "entry_id");

            migrationBuilder.CreateIndex(
                name: "ix_accounting_open_item_company_id",
                table: "accounting_open_item",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_accounting_open_item_company_id_invoice_id",
                table: "accounting_open_item",
                columns: new[] { "company_id", "invoice_id" });

            migrationBuilder.CreateIndex(
                name: "ix_accounting_open_item_company_id_is_receivable_party_id_due_date",
                table: "accounting_open_item",
                columns: new[] { "company_id", "is_receivable", "party_id", "due_date" });

            migrationBuilder.CreateIndex(
                name: "ix_accounting_payment_company_id",
                table: "accounting_payment",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_accounting_payment_company_id_date_id",
                table: "accounting_payment",
                columns: new[] { "company_id", "date", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_accounting_payment_company_id_number",
                table: "accounting_payment",
                columns: new[] { "company_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_accounting_payment_allocation_company_id",
                table: "accounting_payment_allocation",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_accounting_payment_allocation_company_id_invoice_id",
                table: "accounting_payment_allocation",
                columns: new[] { "company_id", "invoice_id" });

            migrationBuilder.CreateIndex(
                name: "ix_accounting_payment_allocation_payment_id",
                table: "accounting_payment_allocation",
                column: "payment_id");

            migrationBuilder.CreateIndex(
                name: "ix_accounting_payment_term_company_id",
                table: "accounting_payment_term",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_accounting_payment_term_company_id_code",
                table: "accounting_payment_term",
                columns: new[] { "company_id", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_accounting_settings_company_id",
                table: "accounting_settings",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_accounting_tax_company_id",
                table: "accounting_tax",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_accounting_tax_company_id_code",
                table: "accounting_tax",
                columns: new[] { "company_id", "code" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "accounting_account_balance");

            migrationBuilder.DropTable(
                name: "accounting_budget");

            migrationBuilder.DropTable(
                name: "accounting_credit_limit");

            migrationBuilder.DropTable(
                name: "accounting_exchange_rate");

            migrationBuilder.DropTable(
                name: "accounting_fiscal_period");

            migrationBuilder.DropTable(
                name: "accounting_invoice_line");

            migrationBuilder.DropTable(
                name: "accounting_journal_line");

            migrationBuilder.DropTable(
                name: "accounting_open_item");

            migrationBuilder.DropTable(
                name: "accounting_payment_allocation");

            migrationBuilder.DropTable(
                name: "accounting_payment_term");

            migrationBuilder.DropTable(
                name: "accounting_settings");

            migrationBuilder.DropTable(
                name: "accounting_tax");

            migrationBuilder.DropTable(
                name: "accounting_invoice");

            migrationBuilder.DropTable(
                name: "accounting_account");

            migrationBuilder.DropTable(
                name: "accounting_journal_entry");

            migrationBuilder.DropTable(
                name: "accounting_payment");
        }
    }
}
